// Only this folder's own tests: infra/modules, infra/config and infra/stacks/* are projects of their own.
module.exports = { ...require('../jest.preset.js'), displayName: 'infra-app', rootDir: __dirname, roots: ['<rootDir>/test'] };
