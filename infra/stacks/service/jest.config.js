module.exports = { ...require('../../../jest.preset.js'), displayName: 'stack-service', rootDir: __dirname };
