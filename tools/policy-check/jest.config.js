module.exports = { ...require('../../jest.preset.js'), displayName: 'policy-check', rootDir: __dirname };
