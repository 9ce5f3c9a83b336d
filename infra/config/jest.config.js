module.exports = { ...require('../../jest.preset.js'), displayName: 'infra-config', rootDir: __dirname };
