module.exports = { ...require('../../jest.preset.js'), displayName: 'dockerfile-check', rootDir: __dirname };
