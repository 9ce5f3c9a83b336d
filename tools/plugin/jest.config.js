// The generator's templates (src/generators/service/files/**) end in __tmpl__ and are never collected as tests here.
module.exports = { ...require('../../jest.preset.js'), displayName: 'plugin', rootDir: __dirname };
