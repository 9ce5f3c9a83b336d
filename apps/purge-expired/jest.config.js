module.exports = { ...require('../../jest.preset.js'), displayName: 'purge-expired', rootDir: __dirname };
