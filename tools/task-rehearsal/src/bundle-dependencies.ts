import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** Packages imported (`from 'x'`) anywhere in a source folder: what an image may install beyond what its bundle requires (type-only imports). */
export function packagesNamedIn(srcDir: string): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    for (const [, specifier] of readFileSync(join(srcDir, file), 'utf8').matchAll(/from '([^'./][^']*)'/g)) {
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return names;
}
