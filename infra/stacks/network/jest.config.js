module.exports = { ...require('../../../jest.preset.js'), displayName: 'stack-network', rootDir: __dirname };
