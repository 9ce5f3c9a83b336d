module.exports = { ...require('../../jest.preset.js'), displayName: 'scanner', rootDir: __dirname };
