module.exports = { ...require('../../../jest.preset.js'), displayName: 'stack-data', rootDir: __dirname };
