import { pollErrorDelayMs } from './backoff';
import type { WorkerEmitter } from './events';
import type { MessageHandler } from './message-handler';
import type { WorkerOptions } from './options';
import type { QueueClient } from './queue-client';

export interface PollHealth {
  healthy: boolean;
  reason?: string;
}

/**
 * The poll loop: long-polls for as many messages as there are free slots, hands each to the
 * handler, and on stop lets in-flight scans finish within the grace period before forcing them
 * to release.
 */
export class Consumer {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly pollAbort = new AbortController();
  private readonly forceStop = new AbortController();
  private loop?: Promise<void>;
  private stopping = false;
  private slotFreed?: () => void;
  private receivingSinceMs?: number;
  private lastReceiveOkMs = Date.now();
  private consecutiveErrors = 0;

  constructor(
    private readonly queue: QueueClient,
    private readonly handler: MessageHandler,
    private readonly events: WorkerEmitter,
    private readonly options: WorkerOptions,
    /** Told the in-flight count after every change (task scale-in protection follows it). */
    private readonly onInFlightChange: (count: number) => void = () => undefined,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Healthy while receives complete (or all slots are busy); unhealthy when stopping or stuck. */
  health(nowMs = Date.now()): PollHealth {
    if (this.stopping) return { healthy: false, reason: 'shutting down' };
    const stuckAfter = this.options.pollStuckAfterMs;
    if (this.receivingSinceMs !== undefined && nowMs - this.receivingSinceMs > stuckAfter) {
      return { healthy: false, reason: 'receive call stuck' };
    }
    if (this.consecutiveErrors > 0 && nowMs - this.lastReceiveOkMs > stuckAfter) {
      return { healthy: false, reason: `receive failing for ${Math.round((nowMs - this.lastReceiveOkMs) / 1000)} s` };
    }
    return { healthy: true };
  }

  /** Stops polling, waits up to the grace period, then releases what still runs. Resolves when all is settled. */
  async stop(): Promise<void> {
    if (this.stopping) return this.loop;
    this.stopping = true;
    this.events.emit('stopping', { inFlight: this.inFlight.size });
    this.pollAbort.abort();
    this.slotFreed?.();
    await this.loop;
    const graceMs = this.options.shutdownGraceSeconds * 1000;
    const finished = await settleWithin([...this.inFlight], graceMs);
    if (!finished) {
      this.forceStop.abort();
      // Released scans need a couple of calls; after that the process goes regardless.
      await settleWithin([...this.inFlight], 5000);
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const free = this.options.concurrency - this.inFlight.size;
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.slotFreed = resolve));
        continue;
      }
      try {
        this.receivingSinceMs = Date.now();
        const messages = await this.queue.receive(
          Math.min(10, free),
          this.options.waitTimeSeconds,
          this.options.visibilityTimeoutSeconds,
          this.pollAbort.signal,
        );
        this.lastReceiveOkMs = Date.now();
        this.consecutiveErrors = 0;
        for (const message of messages) this.track(this.handler.handle(message, this.forceStop.signal));
      } catch (error) {
        if (this.stopping) break;
        this.consecutiveErrors++;
        this.events.emit('poll_error', { error: error as Error, consecutiveErrors: this.consecutiveErrors });
        await sleep(pollErrorDelayMs(this.consecutiveErrors), this.pollAbort.signal);
      } finally {
        this.receivingSinceMs = undefined;
      }
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.finally(() => {
      this.inFlight.delete(tracked);
      this.onInFlightChange(this.inFlight.size);
      this.slotFreed?.();
      this.slotFreed = undefined;
    });
    this.inFlight.add(tracked);
    this.onInFlightChange(this.inFlight.size);
  }
}

async function settleWithin(work: Promise<unknown>[], ms: number): Promise<boolean> {
  if (work.length === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const all = Promise.allSettled(work).then(() => true);
  try {
    return await Promise.race([all, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
