// Nx requires a generator's factory. On Node 20 it can only load a .ts factory through @swc-node/register or ts-node,
// which this workspace does not install; tsx (already a dev dependency, and what runs every CLI here) registers a
// CommonJS hook that also resolves the @platform/* tsconfig paths the generator imports. Same behaviour on Node 22.
require('tsx/cjs/api').register();
module.exports = require('./generator.ts');
