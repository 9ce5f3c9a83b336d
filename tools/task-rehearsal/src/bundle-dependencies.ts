import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';

/** npm packages a CommonJS bundle requires (`require("fastify")`, `require("@aws-sdk/client-sqs/x")`). */
export function packagesRequiredBy(bundleFile: string): string[] {
  const names = new Set<string>();
  for (const [, specifier] of readFileSync(bundleFile, 'utf8').matchAll(/\brequire\("([^"./][^"]*)"\)/g)) {
    if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return [...names].sort();
}
