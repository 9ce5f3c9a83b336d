import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENTED_ENVIRONMENTS, ENVIRONMENTS_DIR } from './conventions';

/**
 * Environments defined in the checkout: an `<env>.ts` under the config project's environments
 * folder that names itself (`name: '<env>'`), so helpers beside them (common.ts, index.ts) are not
 * taken for environments. In promotion order; the documented three when none is found.
 */
export function listEnvironments(cwd: string, configRoot: string | undefined): string[] {
  let names: string[] = [];
  if (configRoot !== undefined) {
    try {
      const dir = join(cwd, configRoot, ENVIRONMENTS_DIR);
      names = readdirSync(dir)
        .filter((file) => /^[a-z][a-z0-9-]*\.ts$/.test(file))
        .map((file) => file.slice(0, -'.ts'.length))
        .filter((name) => new RegExp(`\\bname:\\s*['"]${name}['"]`).test(readFileSync(join(dir, `${name}.ts`), 'utf8')));
    } catch {
      names = [];
    }
  }
  if (names.length === 0) names = [...DOCUMENTED_ENVIRONMENTS];
  return sortEnvironments(names);
}

export function sortEnvironments(names: readonly string[]): string[] {
  const rank = (name: string) => {
    const index = (DOCUMENTED_ENVIRONMENTS as readonly string[]).indexOf(name);
    return index === -1 ? DOCUMENTED_ENVIRONMENTS.length : index;
  };
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/**
 * The one environment a changed file belongs to (`infra/config/src/environments/prod.ts` -> prod),
 * or null when the file can concern every environment.
 */
export function environmentOfFile(file: string, configRoot: string | undefined, known: readonly string[]): string | null {
  if (configRoot === undefined) return null;
  const prefix = `${configRoot}/${ENVIRONMENTS_DIR}/`;
  if (!file.startsWith(prefix)) return null;
  const match = /^([a-z][a-z0-9-]*)\.ts$/.exec(file.slice(prefix.length));
  if (match === null || !known.includes(match[1])) return null;
  return match[1];
}
