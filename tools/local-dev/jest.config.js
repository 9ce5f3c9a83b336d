module.exports = { ...require('../../jest.preset.js'), displayName: 'local-dev', rootDir: __dirname };
