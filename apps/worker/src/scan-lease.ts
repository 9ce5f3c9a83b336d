import type { ScanRepository } from '@platform/shared';
import type { WorkerEmitter } from './events';
import type { QueueClient } from './queue-client';
import type { ReceivedMessage } from './received-message';

/**
 * While findings are written the attempt reads its scan this often (a consistent GetItem), and the
 * writes check the signal between BatchWriteItem calls, so a cancel stops them within about this
 * long plus one call, not at the next heartbeat (20 s).
 */
export const STATUS_CHECK_INTERVAL_MS = 250;

/** Why an attempt stops before its end. */
export type StopReason = 'cancelled' | 'lost' | 'shutdown';

/** The abort reason of a scan's signal; the handler turns each reason into its outcome. */
export class ScanStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`scan stopped: ${reason}`);
    this.name = 'ScanStopped';
  }
}

export interface ScanLeaseDeps {
  queue: QueueClient;
  scans: ScanRepository;
  events: WorkerEmitter;
  message: ReceivedMessage;
  tenantId: string;
  scanId: string;
  attempt: number;
  visibilityTimeoutSeconds: number;
  heartbeatIntervalSeconds: number;
}

/**
 * Holds one claimed attempt: every heartbeat interval it extends the message's visibility and
 * refreshes the scan's heartbeat (conditional on the attempt). A refused heartbeat means the scan
 * was cancelled or taken over; the lease then aborts its signal so the work stops at the next check.
 */
export class ScanLease {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;
  private renewing?: Promise<void>;
  private statusTimer?: NodeJS.Timeout;
  private readingStatus?: Promise<void>;

  constructor(private readonly deps: ScanLeaseDeps) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  start(): void {
    this.timer = setInterval(() => void this.renew(), this.deps.heartbeatIntervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.statusTimer);
  }

  /** From now until `stop()`: reads the scan's status every STATUS_CHECK_INTERVAL_MS (used while writing findings). */
  watchStatus(): void {
    clearInterval(this.statusTimer);
    this.statusTimer = setInterval(() => void this.readStatus(), STATUS_CHECK_INTERVAL_MS);
    this.statusTimer.unref();
  }

  abort(reason: StopReason): void {
    if (!this.controller.signal.aborted) this.controller.abort(new ScanStopped(reason));
  }

  /** Renews now and throws the stop reason if the scan must stop (used before writing results). */
  async check(): Promise<void> {
    await this.renew();
    this.controller.signal.throwIfAborted();
  }

  /**
   * Called between finding slices: reads the scan's status now and throws the stop reason if it
   * was cancelled or taken over.
   */
  async checkStatus(): Promise<void> {
    this.controller.signal.throwIfAborted();
    await this.readStatus();
    this.controller.signal.throwIfAborted();
  }

  /**
   * One read at a time. A scan no longer `running` for this attempt aborts the signal. A failed
   * read is reported and the work goes on: the conditional `succeed` still never overwrites a cancel.
   */
  private readStatus(): Promise<void> {
    this.readingStatus ??= this.readStatusOnce().finally(() => (this.readingStatus = undefined));
    return this.readingStatus;
  }

  private async readStatusOnce(): Promise<void> {
    const { scans, events, message, tenantId, scanId, attempt } = this.deps;
    if (this.controller.signal.aborted) return;
    try {
      const current = await scans.get(tenantId, scanId, true);
      if (!current || current.status !== 'running' || current.attempts !== attempt) {
        this.abort(current?.status === 'cancelled' ? 'cancelled' : 'lost');
      }
    } catch (error) {
      events.emit('error', { error: error instanceof Error ? error : new Error(String(error)), messageId: message.messageId, scanId });
    }
  }

  private renew(): Promise<void> {
    // One renewal at a time: a slow DynamoDB must not pile up timers' calls.
    this.renewing ??= this.renewOnce().finally(() => (this.renewing = undefined));
    return this.renewing;
  }

  private async renewOnce(): Promise<void> {
    const { queue, scans, events, message, tenantId, scanId, attempt } = this.deps;
    if (this.controller.signal.aborted) return;
    try {
      await queue.changeVisibility(message, this.deps.visibilityTimeoutSeconds);
    } catch (error) {
      events.emit('error', { error: error as Error, messageId: message.messageId, scanId });
    }
    try {
      if (await scans.heartbeat(tenantId, scanId, attempt, new Date().toISOString())) return;
      const current = await scans.get(tenantId, scanId, true);
      this.abort(current?.status === 'cancelled' ? 'cancelled' : 'lost');
    } catch (error) {
      // DynamoDB unreachable: keep working; the final conditional write decides.
      events.emit('error', { error: error as Error, messageId: message.messageId, scanId });
    }
  }
}
