module.exports = { ...require('../../jest.preset.js'), displayName: 'terraform-validate', rootDir: __dirname };
