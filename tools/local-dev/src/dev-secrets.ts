import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateApiKey } from '@platform/shared';

/**
 * Development-only values kept in the git-ignored data folder, so a restart keeps the same
 * API key and valid cursors. Never used outside local development. `name` is a file name:
 * `dev-api-key`, or a manifest secret's variable in kebab case (`CURSOR_SECRET` -> `cursor-secret`).
 */
export function devSecret(dataDir: string, name: string, envValue: string | undefined): string {
  if (envValue) return envValue;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`dev secret name "${name}" is not a plain file name`);
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = name === 'dev-api-key' ? generateApiKey() : randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}

/** `CURSOR_SECRET` -> `cursor-secret`: the file a secret variable's development value is kept in. */
export function secretFileName(variable: string): string {
  return variable.toLowerCase().replace(/_/g, '-');
}
