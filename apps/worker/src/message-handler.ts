import { isTerminal, parseScanMessage, type Scan, type ScanRepository } from '@platform/shared';
import { retryDelaySeconds } from './backoff';
import type { PoisonKind } from './errors';
import type { WorkerEmitter } from './events';
import { afterFailedAttempt, busyElsewhereDelaySeconds, staleRunningBefore } from './failure-policy';
import type { WorkerOptions } from './options';
import type { QueueClient } from './queue-client';
import type { ReceivedMessage } from './received-message';
import { ScanLease, ScanStopped, type StopReason } from './scan-lease';
import type { ScanProcessor } from './scan-processor';

export type Outcome = 'succeeded' | 'failed' | 'retry' | 'cancelled' | 'released' | 'lost' | 'duplicate' | 'busy' | 'poison';

export interface MessageHandlerDeps {
  queue: QueueClient;
  scans: ScanRepository;
  processor: ScanProcessor;
  events: WorkerEmitter;
  options: WorkerOptions;
}

/**
 * Decides what one delivery means and carries it out. Never throws: every path ends in an
 * outcome, and failures of SQS/DynamoDB on the way out are reported as `error` events (the
 * message then simply comes back after its visibility timeout).
 */
export class MessageHandler {
  constructor(private readonly deps: MessageHandlerDeps) {}

  /** `forceStop` aborts at the end of the shutdown grace period: the scan is released. */
  async handle(message: ReceivedMessage, forceStop: AbortSignal): Promise<Outcome> {
    const { scans, options } = this.deps;
    const parsed = parseScanMessage(message.body);
    if (!parsed) return this.poison('unparseable', message);
    let claimed: Scan | undefined;
    try {
      const scan = await scans.get(parsed.tenantId, parsed.scanId, true);
      if (!scan) return this.poison('unknown-scan', message, parsed.scanId);
      if (isTerminal(scan.status)) return this.deleteDuplicate(message, scan);
      const now = Date.now();
      claimed = await scans.claim(parsed.tenantId, parsed.scanId, new Date(now).toISOString(), {
        staleRunningBefore: staleRunningBefore(now, options.visibilityTimeoutSeconds),
      });
      if (!claimed) {
        const current = await scans.get(parsed.tenantId, parsed.scanId, true);
        if (!current) return this.poison('unknown-scan', message, parsed.scanId);
        if (isTerminal(current.status)) return this.deleteDuplicate(message, current);
        return this.busyElsewhere(message, current);
      }
    } catch (error) {
      // Nothing claimed yet, so nothing to release: only wait and try again.
      const delaySeconds = retryDelaySeconds(message.receiveCount, options);
      this.deps.events.emit('scan_retry_scheduled', { scanId: parsed.scanId, messageId: message.messageId, receiveCount: message.receiveCount, delaySeconds, error: error as Error });
      await this.safely(message, parsed.scanId, () => this.deps.queue.changeVisibility(message, delaySeconds));
      return 'retry';
    }
    return this.runClaimed(claimed, message, forceStop);
  }

  private async runClaimed(scan: Scan, message: ReceivedMessage, forceStop: AbortSignal): Promise<Outcome> {
    const { events, options } = this.deps;
    const attempt = scan.attempts;
    const startedMs = Date.now();
    events.emit('scan_claimed', {
      scanId: scan.scanId,
      tenantId: scan.tenantId,
      messageId: message.messageId,
      attempt,
      receiveCount: message.receiveCount,
      queueWaitMs: message.sentTimestamp ? Math.max(0, startedMs - message.sentTimestamp) : 0,
    });
    const lease = new ScanLease({
      queue: this.deps.queue,
      scans: this.deps.scans,
      events,
      message,
      tenantId: scan.tenantId,
      scanId: scan.scanId,
      attempt,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
      heartbeatIntervalSeconds: options.heartbeatIntervalSeconds,
    });
    const onForceStop = () => lease.abort('shutdown');
    forceStop.addEventListener('abort', onForceStop, { once: true });
    if (forceStop.aborted) onForceStop();
    lease.start();
    try {
      const { findings } = await this.deps.processor.process(scan, message.messageId, lease);
      lease.stop();
      await this.safely(message, scan.scanId, () => this.deps.queue.delete(message));
      events.emit('scan_succeeded', { scanId: scan.scanId, tenantId: scan.tenantId, messageId: message.messageId, attempt, findings, durationMs: Date.now() - startedMs });
      return 'succeeded';
    } catch (error) {
      lease.stop();
      const stopped = error instanceof ScanStopped ? error : lease.signal.reason instanceof ScanStopped ? lease.signal.reason : undefined;
      if (stopped) return this.stopped(stopped.reason, scan, message);
      return this.failedAttempt(error, scan, message);
    } finally {
      lease.stop();
      forceStop.removeEventListener('abort', onForceStop);
    }
  }

  private async stopped(reason: StopReason, scan: Scan, message: ReceivedMessage): Promise<Outcome> {
    const { events, queue, scans } = this.deps;
    const ids = { scanId: scan.scanId, messageId: message.messageId, attempt: scan.attempts };
    if (reason === 'cancelled') {
      await this.safely(message, scan.scanId, () => queue.delete(message));
      events.emit('scan_cancelled', ids);
      return 'cancelled';
    }
    if (reason === 'lost') {
      // Another worker owns the scan now; its own message carries it. Ours comes back as a duplicate.
      events.emit('scan_lost', ids);
      return 'lost';
    }
    await this.safely(message, scan.scanId, async () => {
      await scans.release(scan.tenantId, scan.scanId, scan.attempts, new Date().toISOString());
      await queue.changeVisibility(message, 0);
    });
    events.emit('scan_released', ids);
    return 'released';
  }

  private async failedAttempt(error: unknown, scan: Scan, message: ReceivedMessage): Promise<Outcome> {
    const { events, queue, scans, options } = this.deps;
    const decision = afterFailedAttempt(error, { receiveCount: message.receiveCount, attempt: scan.attempts }, options);
    if (decision.action === 'give-up') {
      await this.safely(message, scan.scanId, async () => {
        if (await scans.fail(scan.tenantId, scan.scanId, decision.reason, new Date().toISOString(), { attempt: scan.attempts })) {
          events.emit('scan_failed', { scanId: scan.scanId, tenantId: scan.tenantId, messageId: message.messageId, attempt: scan.attempts, reason: decision.reason });
        }
        // Not deleted: visible at once, the next receive exceeds maxReceiveCount and SQS moves it to the DLQ.
        await queue.changeVisibility(message, 0);
      });
      return 'failed';
    }
    events.emit('scan_retry_scheduled', {
      scanId: scan.scanId,
      messageId: message.messageId,
      attempt: scan.attempts,
      receiveCount: message.receiveCount,
      delaySeconds: decision.delaySeconds,
      error: error as Error,
    });
    await this.safely(message, scan.scanId, async () => {
      const nowMs = Date.now();
      const visibleAt = new Date(nowMs + decision.delaySeconds * 1000).toISOString();
      await scans.release(scan.tenantId, scan.scanId, scan.attempts, new Date(nowMs).toISOString(), visibleAt);
      await queue.changeVisibility(message, decision.delaySeconds);
    });
    return 'retry';
  }

  private async poison(kind: PoisonKind, message: ReceivedMessage, scanId?: string): Promise<Outcome> {
    // The body is never logged: it is not ours to trust and could hold anything.
    this.deps.events.emit('poison_message', {
      kind,
      messageId: message.messageId,
      receiveCount: message.receiveCount,
      bodyBytes: Buffer.byteLength(message.body ?? '', 'utf8'),
      scanId,
    });
    await this.safely(message, scanId, () => this.deps.queue.changeVisibility(message, this.deps.options.poisonRedeliveryDelaySeconds));
    return 'poison';
  }

  private async deleteDuplicate(message: ReceivedMessage, scan: Scan): Promise<Outcome> {
    await this.safely(message, scan.scanId, () => this.deps.queue.delete(message));
    this.deps.events.emit('duplicate_deleted', { scanId: scan.scanId, messageId: message.messageId, status: scan.status });
    return 'duplicate';
  }

  private async busyElsewhere(message: ReceivedMessage, scan: Scan): Promise<Outcome> {
    const delaySeconds =
      scan.status === 'running' ? busyElsewhereDelaySeconds(scan.heartbeatAt, Date.now(), this.deps.options.visibilityTimeoutSeconds) : 1;
    await this.safely(message, scan.scanId, () => this.deps.queue.changeVisibility(message, delaySeconds));
    this.deps.events.emit('busy_elsewhere', { scanId: scan.scanId, messageId: message.messageId, delaySeconds });
    return 'busy';
  }

  private async safely(message: ReceivedMessage, scanId: string | undefined, action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
    } catch (error) {
      this.deps.events.emit('error', { error: error as Error, messageId: message.messageId, scanId });
    }
  }
}
