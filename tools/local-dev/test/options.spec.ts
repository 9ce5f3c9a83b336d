import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseOptions, UsageError } from '../src/options';
import { devSecret, secretFileName } from '../src/dev-secrets';

const NAMES = ['api', 'purge-expired', 'worker'];

describe('local dev options', () => {
  it('starts every long-running service on embedded AWS by default', () => {
    expect(parseOptions([], {}, '/repo', NAMES)).toEqual({ only: undefined, dataDir: '/repo/.local-data', embedded: true, portOffset: 0 });
  });

  it('uses configured AWS endpoints instead of the emulators', () => {
    expect(parseOptions([], { AWS_ENDPOINT_URL: 'http://localhost:4566' }, '/repo', NAMES).embedded).toBe(false);
    expect(parseOptions([], { SCAN_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/q' }, '/repo', NAMES).embedded).toBe(false);
  });

  it('runs one catalog service with --only and rejects bad arguments clearly', () => {
    expect(parseOptions(['--only', 'purge-expired'], {}, '/repo', NAMES).only).toBe('purge-expired');
    expect(() => parseOptions(['--only', 'web'], {}, '/repo', NAMES)).toThrow(new UsageError('--only takes one of: api, purge-expired, worker (got "web")'));
    expect(() => parseOptions(['--only'], {}, '/repo', NAMES)).toThrow(UsageError);
    expect(() => parseOptions(['--fast'], {}, '/repo', NAMES)).toThrow(/unknown argument "--fast"\. Usage: npm run dev \[-- --only api\|purge-expired\|worker\]/);
  });

  it('shifts every port by LOCAL_PORT_OFFSET and refuses one that is not a small whole number', () => {
    expect(parseOptions([], { LOCAL_PORT_OFFSET: '100' }, '/repo', NAMES).portOffset).toBe(100);
    expect(() => parseOptions([], { LOCAL_PORT_OFFSET: '-1' }, '/repo', NAMES)).toThrow(/LOCAL_PORT_OFFSET must be a whole number/);
    expect(() => parseOptions([], { LOCAL_PORT_OFFSET: '70000' }, '/repo', NAMES)).toThrow(UsageError);
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

  it('keeps a manifest secret under its kebab-case name, random and stable', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-secrets-'));
    expect(secretFileName('CURSOR_SECRET')).toBe('cursor-secret');
    const value = devSecret(dir, secretFileName('CURSOR_SECRET'), undefined);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(devSecret(dir, 'cursor-secret', undefined)).toBe(value);
    expect(() => devSecret(dir, '../escape', undefined)).toThrow(/not a plain file name/);
  });
});
