module.exports = { ...require('../../../jest.preset.js'), displayName: 'stack-state', rootDir: __dirname };
