module.exports = { ...require('../../jest.preset.js'), displayName: 'secrets-scan', rootDir: __dirname };
