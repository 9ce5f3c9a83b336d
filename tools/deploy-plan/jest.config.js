module.exports = { ...require('../../jest.preset.js'), displayName: 'deploy-plan', rootDir: __dirname };
