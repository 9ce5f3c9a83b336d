module.exports = { ...require('../../../jest.preset.js'), displayName: 'stack-edge', rootDir: __dirname };
