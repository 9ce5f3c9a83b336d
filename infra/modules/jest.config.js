module.exports = { ...require('../../jest.preset.js'), displayName: 'infra-modules', rootDir: __dirname };
