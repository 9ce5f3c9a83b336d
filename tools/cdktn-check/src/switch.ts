import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toCdktn } from './rewrite-imports';
import { CDKTN_PACKAGES } from './versions';

const SOURCE = /\.(c|m)?(t|j)s$/;
/** This tool names cdktf on purpose (its tests hold cdktf imports as text). */
const KEEP = 'tools/cdktn-check/';

/** The packages the switch replaces, and what replaces them (same versions the check is proven with). */
export const SWITCH: Readonly<Record<string, [string, string]>> = {
  cdktf: ['cdktn', CDKTN_PACKAGES.cdktn],
  'cdktf-cli': ['cdktn-cli', CDKTN_PACKAGES.cdktn],
  '@cdktf/provider-aws': ['@cdktn/provider-aws', CDKTN_PACKAGES['@cdktn/provider-aws']],
  constructs: ['constructs', CDKTN_PACKAGES.constructs],
};

function rewrite(file: string, change: (text: string) => string): boolean {
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const changed = change(text);
  if (changed !== text) writeFileSync(file, changed);
  return changed !== text;
}

function swapDependencies(text: string): string {
  const pkg = JSON.parse(text) as Record<string, Record<string, string> | undefined>;
  for (const field of ['dependencies', 'devDependencies']) {
    const deps = pkg[field];
    if (!deps) continue;
    for (const [from, [to, version]] of Object.entries(SWITCH)) {
      if (!(from in deps)) continue;
      delete deps[from];
      deps[to] = version;
    }
    pkg[field] = Object.fromEntries(Object.entries(deps).sort(([a], [b]) => a.localeCompare(b)));
  }
  const scripts = pkg.scripts;
  if (scripts) for (const [name, command] of Object.entries(scripts)) scripts[name] = command.replace(/\bcdktf (synth|diff|deploy|get)\b/g, 'cdktn $1');
  return JSON.stringify(pkg, null, 2) + '\n';
}

/**
 * Switches the work tree from CDKTF to CDK Terrain in place: module specifiers in every source file,
 * the dependencies in package.json (then run `npm install`), the `cdktf` CLI in npm scripts, and the
 * banned-import lists of eslint.config.mjs. Returns the files it changed.
 */
export function switchToCdktn(workspaceRoot: string): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: workspaceRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  const changed = listed
    .split('\0')
    .filter((file) => SOURCE.test(file) && !file.startsWith(KEEP))
    .filter((file) => rewrite(path.join(workspaceRoot, file), toCdktn));
  if (rewrite(path.join(workspaceRoot, 'package.json'), swapDependencies)) changed.push('package.json');
  if (rewrite(path.join(workspaceRoot, 'eslint.config.mjs'), (t) => t.replace(/'cdktf', '@cdktf\/\*'/g, "'cdktn', '@cdktn/*'"))) changed.push('eslint.config.mjs');
  return changed;
}
