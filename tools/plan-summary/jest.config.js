module.exports = { ...require('../../jest.preset.js'), displayName: 'plan-summary', rootDir: __dirname };
