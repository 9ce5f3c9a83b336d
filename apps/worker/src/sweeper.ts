import type { ScanQueue, ScanRepository } from '@platform/shared';
import type { WorkerEmitter } from './events';
import type { WorkerOptions } from './options';

export interface SweeperDeps {
  scans: ScanRepository;
  queue: ScanQueue;
  events: WorkerEmitter;
  options: Pick<WorkerOptions, 'sweepAfterSeconds' | 'sweepIntervalSeconds' | 'sweepBatchSize' | 'visibilityTimeoutSeconds' | 'maxReceiveCount'>;
}

/**
 * How much later than usual (sweepAfter) the next re-send of a scan may come, ms. The gaps
 * double with each re-send (sweepAfter, 2x, 4x ... at most 32x), so a scan whose message merely
 * waits in a long backlog gets a few copies, not one every sweepAfter.
 */
export function sweepBackoffMs(reenqueues: number, sweepAfterSeconds: number): number {
  return sweepAfterSeconds * 1000 * (2 ** Math.min(Math.max(0, reenqueues), 5) - 1);
}

/**
 * Finds scans no message will ever bring to a worker, and sends them again:
 * - `queued` since longer than sweepAfterSeconds: the API crashed between its DynamoDB write and
 *   its SQS send (or the message went to the DLQ while the scan waited).
 * - `running` with a heartbeat older than twice the visibility timeout: its worker died and its
 *   message is gone (moved to the DLQ on the receive after its last attempt).
 * Every change is conditional on what was read, so with several workers sweeping, exactly one
 * re-sends each scan. A crash between the update and the send is healed by the next sweep.
 */
export class Sweeper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly deps: SweeperDeps) {}

  start(): void {
    this.timer = setInterval(() => void this.sweepOnce(), this.deps.options.sweepIntervalSeconds * 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; overlapping calls share the pass in progress. */
  sweepOnce(): Promise<void> {
    this.running ??= this.sweep()
      .catch((error) => void this.deps.events.emit('error', { error: error as Error }))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweep(): Promise<void> {
    await this.sweepQueued();
    await this.sweepAbandonedRunning();
  }

  private async sweepQueued(): Promise<void> {
    const { scans, queue, events, options } = this.deps;
    const before = new Date(Date.now() - options.sweepAfterSeconds * 1000).toISOString();
    for (const stale of await scans.findStaleQueued(before, options.sweepBatchSize)) {
      const scan = await scans.get(stale.tenantId, stale.scanId, true);
      if (!scan || scan.status !== 'queued' || scan.enqueuedAt !== stale.enqueuedAt) continue;
      const nowMs = Date.now();
      const next = new Date(nowMs + sweepBackoffMs(scan.reenqueues ?? 0, options.sweepAfterSeconds)).toISOString();
      if (!(await scans.markReenqueued(stale.tenantId, stale.scanId, stale.enqueuedAt, new Date(nowMs).toISOString(), next))) continue;
      await queue.send({ tenantId: stale.tenantId, scanId: stale.scanId });
      events.emit('swept', { scanId: stale.scanId, tenantId: stale.tenantId, from: 'queued', action: 'reenqueued' });
    }
  }

  private async sweepAbandonedRunning(): Promise<void> {
    const { scans, queue, events, options } = this.deps;
    const abandonedMs = 2 * options.visibilityTimeoutSeconds * 1000;
    // Enqueued before the heartbeat limit is a cheap first filter (the index has no heartbeat).
    const before = new Date(Date.now() - abandonedMs).toISOString();
    for (const candidate of await scans.findRunningEnqueuedBefore(before, options.sweepBatchSize)) {
      const scan = await scans.get(candidate.tenantId, candidate.scanId, true);
      if (!scan || scan.status !== 'running' || !scan.heartbeatAt || Date.parse(scan.heartbeatAt) > Date.now() - abandonedMs) continue;
      const now = new Date().toISOString();
      if (scan.attempts >= options.maxReceiveCount) {
        const reason = `scan failed ${scan.attempts} times: worker stopped while scanning`;
        if (await scans.fail(scan.tenantId, scan.scanId, reason, now, { attempt: scan.attempts })) {
          events.emit('swept', { scanId: scan.scanId, tenantId: scan.tenantId, from: 'running', action: 'failed' });
          events.emit('scan_failed', { scanId: scan.scanId, tenantId: scan.tenantId, messageId: '', attempt: scan.attempts, reason });
        }
        continue;
      }
      if (!(await scans.requeueAbandoned(scan.tenantId, scan.scanId, scan.attempts, scan.heartbeatAt, now))) continue;
      await queue.send({ tenantId: scan.tenantId, scanId: scan.scanId });
      events.emit('swept', { scanId: scan.scanId, tenantId: scan.tenantId, from: 'running', action: 'reenqueued' });
    }
  }
}
