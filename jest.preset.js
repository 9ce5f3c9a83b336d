// Shared jest settings: swc transforms TypeScript (fast, no type check: `nx typecheck` does that),
// and tsconfig path aliases resolve to library sources so tests never need a build first.
const path = require('node:path');

const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace(/[/]/g, '\\/')}$`] = path.join(__dirname, target);
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)s$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } },
    ],
  },
  // ESM-only dependencies that Node loads through require(esm) but jest (without --experimental-vm-modules)
  // cannot: compile them to CJS. The lookahead on a later /node_modules/ makes this the package itself, nested or not.
  transformIgnorePatterns: ['/node_modules/(?!(cookie|chalk|@apidevtools|@jsdevtools)/)(?!.*/node_modules/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['**/?(*.)+(spec|test).ts'],
  moduleNameMapper,
  testTimeout: 30000,
};
