import { EventEmitter } from 'node:events';
import type { PoisonKind } from './errors';

/** What the worker reports. Logs and metrics subscribe; tests can too. No event carries document text. */
export interface WorkerEvents {
  scan_claimed: [{ scanId: string; tenantId: string; messageId: string; attempt: number; receiveCount: number; queueWaitMs: number }];
  scan_succeeded: [{ scanId: string; tenantId: string; messageId: string; attempt: number; findings: number; durationMs: number }];
  /** The scan was marked failed (its message goes on to the DLQ). */
  scan_failed: [{ scanId: string; tenantId: string; messageId: string; attempt: number; reason: string }];
  /** An attempt failed and will be retried after `delaySeconds`. */
  scan_retry_scheduled: [{ scanId: string; messageId: string; attempt?: number; receiveCount: number; delaySeconds: number; error: Error }];
  scan_cancelled: [{ scanId: string; messageId: string; attempt: number }];
  /** Given back to the queue (shutdown): running -> queued, message visible again. */
  scan_released: [{ scanId: string; messageId: string; attempt: number }];
  /** Another worker took the scan over (this one was presumed dead); this attempt stops quietly. */
  scan_lost: [{ scanId: string; messageId: string; attempt: number }];
  /** A message for a finished scan (duplicate delivery) was deleted. */
  duplicate_deleted: [{ scanId: string; messageId: string; status: string }];
  /** The scan runs elsewhere with a live heartbeat; the message comes back after `delaySeconds`. */
  busy_elsewhere: [{ scanId: string; messageId: string; delaySeconds: number }];
  poison_message: [{ kind: PoisonKind; messageId: string; receiveCount: number; bodyBytes: number; scanId?: string }];
  /** Something failed that the worker could not act on (e.g. DynamoDB down during a release). */
  error: [{ error: Error; messageId?: string; scanId?: string }];
  poll_error: [{ error: Error; consecutiveErrors: number }];
  swept: [{ scanId: string; tenantId: string; from: 'queued' | 'running'; action: 'reenqueued' | 'failed' }];
  /** The ECS agent confirmed scale-in protection on (for `expiresInMinutes`) or off. */
  task_protection: [{ enabled: boolean; expiresInMinutes?: number }];
  /** Setting scale-in protection failed; scans carry on regardless. */
  task_protection_failed: [{ enabled: boolean; error: Error }];
  stopping: [{ inFlight: number }];
  stopped: [{ released: number }];
}

/** A node EventEmitter whose event names and payloads are checked by the compiler. */
export class TypedEmitter<Events extends { [K in keyof Events]: unknown[] }> {
  private readonly emitter = new EventEmitter();

  on<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): this {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<K extends keyof Events & string>(event: K, listener: (...args: Events[K]) => void): this {
    this.emitter.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  emit<K extends keyof Events & string>(event: K, ...args: Events[K]): boolean {
    return this.emitter.emit(event, ...args);
  }
}

export type WorkerEmitter = TypedEmitter<WorkerEvents>;
