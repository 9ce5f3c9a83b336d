import { isTerminal, type Scan } from '@platform/shared';

interface Entry {
  scan: Scan;
  expires: number;
}

/**
 * Scans in a terminal state (succeeded, failed, cancelled), kept in memory for a short time.
 * Every ScanRepository update is conditional on `queued` or `running`, so a terminal scan never
 * changes again: serving it from memory is never stale. Non-terminal scans are never kept. The key
 * holds the tenant id, so one tenant cannot read another's entry. Bounded: past `maxEntries` the
 * oldest entry goes (a Map iterates in insertion order); the TTL bounds how long a deleted scan
 * (DynamoDB TTL) could still be served.
 */
export class TerminalScanCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(tenantId: string, scanId: string): Scan | undefined {
    if (!this.enabled) return undefined;
    const key = cacheKey(tenantId, scanId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Belt and braces on tenant isolation: the entry must be this tenant's scan, whatever the key.
    if (entry.expires <= this.now() || entry.scan.tenantId !== tenantId || entry.scan.scanId !== scanId) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.scan;
  }

  /** Keeps `scan` if it is terminal; anything else is ignored. */
  remember(scan: Scan): void {
    if (!this.enabled || !isTerminal(scan.status)) return;
    const key = cacheKey(scan.tenantId, scan.scanId);
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, { scan: Object.freeze({ ...scan }), expires: this.now() + this.ttlMs });
  }
}

/** Scan ids are ULIDs (no NUL), so distinct tenant/scan pairs never share a key. */
function cacheKey(tenantId: string, scanId: string): string {
  return `${tenantId}\u0000${scanId}`;
}
