module.exports = { ...require('../../jest.preset.js'), displayName: 'workflow-check', rootDir: __dirname };
