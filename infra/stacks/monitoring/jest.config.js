module.exports = { ...require('../../../jest.preset.js'), displayName: 'stack-monitoring', rootDir: __dirname };
