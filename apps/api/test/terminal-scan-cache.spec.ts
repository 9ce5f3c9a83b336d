import type { Scan, ScanStatus } from '@platform/shared';
import { TerminalScanCache } from '../src/services/terminal-scan-cache';

function scan(tenantId: string, scanId: string, status: ScanStatus): Scan {
  const at = '2026-11-23T12:00:00.000Z';
  return { tenantId, scanId, status, framework: 'gdpr', detectors: [], sizeBytes: 1, contentSha256: 'ab', attempts: 1, createdAt: at, updatedAt: at };
}

describe('TerminalScanCache', () => {
  let clock = 0;
  const cache = (ttlMs = 30_000, maxEntries = 100) => new TerminalScanCache(ttlMs, maxEntries, () => clock);
  beforeEach(() => {
    clock = 1_000_000;
  });

  it.each(['succeeded', 'failed', 'cancelled'] as const)('keeps a %s scan', (status) => {
    const c = cache();
    c.remember(scan('tenant-a', 'S1', status));
    expect(c.get('tenant-a', 'S1')).toMatchObject({ tenantId: 'tenant-a', scanId: 'S1', status });
  });

  it.each(['queued', 'running'] as const)('never keeps a %s scan: it can still change', (status) => {
    const c = cache();
    c.remember(scan('tenant-a', 'S1', status));
    expect(c.get('tenant-a', 'S1')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it("never answers one tenant with another tenant's scan", () => {
    const c = cache();
    c.remember(scan('tenant-a', 'S1', 'succeeded'));
    expect(c.get('tenant-b', 'S1')).toBeUndefined();
    // Ids that would collide if the key were a plain concatenation.
    c.remember(scan('tenant-a1', 'S2', 'succeeded'));
    expect(c.get('tenant-a', '1S2')).toBeUndefined();
    expect(c.get('tenant-a1', 'S2')?.tenantId).toBe('tenant-a1');
  });

  it('forgets an entry once its TTL has passed', () => {
    const c = cache(30_000);
    c.remember(scan('tenant-a', 'S1', 'failed'));
    clock += 29_999;
    expect(c.get('tenant-a', 'S1')).toBeDefined();
    clock += 1;
    expect(c.get('tenant-a', 'S1')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('evicts the oldest entry past its maximum size', () => {
    const c = cache(30_000, 2);
    c.remember(scan('t', 'S1', 'succeeded'));
    c.remember(scan('t', 'S2', 'succeeded'));
    c.remember(scan('t', 'S3', 'succeeded'));
    expect(c.size).toBe(2);
    expect(c.get('t', 'S1')).toBeUndefined();
    expect(c.get('t', 'S2')).toBeDefined();
    expect(c.get('t', 'S3')).toBeDefined();
  });

  it('with a TTL of 0 keeps nothing', () => {
    const c = cache(0);
    c.remember(scan('tenant-a', 'S1', 'succeeded'));
    expect(c.enabled).toBe(false);
    expect(c.get('tenant-a', 'S1')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('hands out a copy its callers cannot change', () => {
    const c = cache();
    const original = scan('tenant-a', 'S1', 'succeeded');
    c.remember(original);
    original.status = 'queued';
    const cached = c.get('tenant-a', 'S1')!;
    expect(cached.status).toBe('succeeded');
    expect(() => Object.assign(cached, { status: 'running' })).toThrow(TypeError);
  });
});
