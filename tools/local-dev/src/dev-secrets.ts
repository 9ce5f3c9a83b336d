import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { generateApiKey } from '@platform/shared';

/**
 * Development-only values kept in the git-ignored data folder, so a restart keeps the same
 * API key and valid cursors. Never used outside local development.
 */
export function devSecret(dataDir: string, name: 'dev-api-key' | 'cursor-secret', envValue: string | undefined): string {
  if (envValue) return envValue;
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = name === 'dev-api-key' ? generateApiKey() : randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, value + '\n', { mode: 0o600 });
  return value;
}
