module.exports = { ...require('../../jest.preset.js'), displayName: 'cdktn-check', rootDir: __dirname };
