module.exports = { ...require('../../../jest.preset.js'), displayName: 'stack-registry', rootDir: __dirname };
