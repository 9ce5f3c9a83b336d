import { isUnavailableError } from '@platform/shared';
import { retryDelaySeconds } from './backoff';
import { DetectorError, MessageError } from './errors';
import type { WorkerOptions } from './options';

export type AfterFailure = { action: 'retry'; delaySeconds: number } | { action: 'give-up'; reason: string };

/** True when the error (or anything in its cause chain) means a dependency is unreachable or overloaded. */
export function isTransient(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (isUnavailableError(current)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * What the scan's `reason` says about an error. Only texts the worker wrote itself, and class
 * names of foreign errors: a detector's own message might quote the document, so it is dropped.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof DetectorError) {
    const cause = error.cause as { name?: unknown } | undefined;
    return typeof cause?.name === 'string' && cause.name !== 'Error' ? `${error.message} (${cause.name})` : error.message;
  }
  if (error instanceof MessageError) return error.message;
  if (isTransient(error)) return 'storage or queue unavailable';
  const name = (error as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? `internal error (${name})` : 'internal error';
}

/**
 * After an attempt failed: retry with backoff, or - on the last receive SQS grants before the
 * DLQ - give up and mark the scan failed. Transient failures never fail a scan: their message may
 * still reach the DLQ, but the scan stays `queued` and the sweeper sends it again later.
 */
export function afterFailedAttempt(
  error: unknown,
  delivery: { receiveCount: number; attempt: number },
  options: Pick<WorkerOptions, 'maxReceiveCount' | 'retryBaseDelaySeconds' | 'retryMaxDelaySeconds'>,
  random: () => number = Math.random,
): AfterFailure {
  const { receiveCount, attempt } = delivery;
  if (receiveCount >= options.maxReceiveCount && !isTransient(error)) {
    return { action: 'give-up', reason: `scan failed ${attempt} ${attempt === 1 ? 'time' : 'times'}: ${describeFailure(error)}` };
  }
  return { action: 'retry', delaySeconds: retryDelaySeconds(receiveCount, options, random) };
}

/** A `running` scan whose heartbeat is older than this belongs to a dead worker (its message came back). */
export function staleRunningBefore(nowMs: number, visibilityTimeoutSeconds: number): string {
  return new Date(nowMs - visibilityTimeoutSeconds * 1000).toISOString();
}

/**
 * A scan runs elsewhere with a live heartbeat: hide this message until that heartbeat would be
 * stale, so if its worker dies the scan is taken over promptly, and if not the message finds it
 * finished. Seconds, 1..visibilityTimeoutSeconds.
 */
export function busyElsewhereDelaySeconds(heartbeatAt: string | undefined, nowMs: number, visibilityTimeoutSeconds: number): number {
  const heartbeatMs = heartbeatAt ? Date.parse(heartbeatAt) : NaN;
  if (Number.isNaN(heartbeatMs)) return visibilityTimeoutSeconds;
  const untilStale = Math.ceil((heartbeatMs + visibilityTimeoutSeconds * 1000 - nowMs) / 1000) + 1;
  return Math.max(1, Math.min(visibilityTimeoutSeconds, untilStale));
}
