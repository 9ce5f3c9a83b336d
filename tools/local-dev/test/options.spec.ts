import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseOptions, UsageError } from '../src/options';
import { devSecret } from '../src/dev-secrets';

describe('local dev options', () => {
  it('starts both apps on embedded AWS by default', () => {
    expect(parseOptions([], {}, '/repo')).toEqual({ apps: ['api', 'worker'], dataDir: '/repo/.local-data', embedded: true });
  });

  it('uses configured AWS endpoints instead of the emulators', () => {
    expect(parseOptions([], { AWS_ENDPOINT_URL: 'http://localhost:4566' }, '/repo').embedded).toBe(false);
    expect(parseOptions([], { SCAN_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/q' }, '/repo').embedded).toBe(false);
  });

  it('runs one app with --only and rejects bad arguments clearly', () => {
    expect(parseOptions(['--only', 'api'], {}, '/repo').apps).toEqual(['api']);
    expect(() => parseOptions(['--only', 'web'], {}, '/repo')).toThrow(UsageError);
    expect(() => parseOptions(['--fast'], {}, '/repo')).toThrow(/unknown argument "--fast"/);
  });
});

describe('dev secrets', () => {
  it('generates a key once, keeps it private, and prefers the environment', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-secrets-'));
    const first = devSecret(dir, 'dev-api-key', undefined);
    expect(first).toMatch(/^dsk_[A-Za-z0-9_-]{43}$/);
    expect(devSecret(dir, 'dev-api-key', undefined)).toBe(first);
    expect(readFileSync(path.join(dir, 'dev-api-key'), 'utf8').trim()).toBe(first);
    expect(statSync(path.join(dir, 'dev-api-key')).mode & 0o077).toBe(0);
    expect(devSecret(dir, 'dev-api-key', 'from-env')).toBe('from-env');
  });
});
