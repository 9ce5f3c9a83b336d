import { isTerminal, type Scan } from '@platform/shared';
import { BoundedTtlCache } from './bounded-ttl-cache';

/**
 * Scans in a terminal state (succeeded, failed, cancelled), kept in memory for a short time.
 * Every ScanRepository update is conditional on `queued` or `running`, so a terminal scan never
 * changes again: serving it from memory is never stale. Non-terminal scans are never kept. The key
 * holds the tenant id, so one tenant cannot read another's entry. Bounded by `maxEntries`; the TTL
 * bounds how long a deleted scan (DynamoDB TTL) could still be served.
 */
export class TerminalScanCache {
  private readonly entries: BoundedTtlCache<Scan>;

  constructor(
    private readonly ttlMs: number,
    maxEntries: number,
    now: () => number = Date.now,
  ) {
    this.entries = new BoundedTtlCache(ttlMs, maxEntries, now);
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(tenantId: string, scanId: string): Scan | undefined {
    if (!this.enabled) return undefined;
    const key = cacheKey(tenantId, scanId);
    const scan = this.entries.get(key);
    if (!scan) return undefined;
    // Belt and braces on tenant isolation: the entry must be this tenant's scan, whatever the key.
    if (scan.tenantId !== tenantId || scan.scanId !== scanId) {
      this.entries.delete(key);
      return undefined;
    }
    return scan;
  }

  /** Keeps `scan` if it is terminal; anything else is ignored. */
  remember(scan: Scan): void {
    if (!this.enabled || !isTerminal(scan.status)) return;
    this.entries.set(cacheKey(scan.tenantId, scan.scanId), Object.freeze({ ...scan }));
  }
}

/** Scan ids are ULIDs (no NUL), so distinct tenant/scan pairs never share a key. */
function cacheKey(tenantId: string, scanId: string): string {
  return `${tenantId}\u0000${scanId}`;
}
