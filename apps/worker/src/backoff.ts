import type { WorkerOptions } from './options';

/**
 * Retry delay before the `receiveCount`-th receive is followed by another: exponential from
 * `retryBaseDelaySeconds`, capped at `retryMaxDelaySeconds`, with "equal jitter" (half fixed,
 * half random) so retries of many scans that failed together spread out. Whole seconds, as
 * ChangeMessageVisibility takes.
 */
export function retryDelaySeconds(
  receiveCount: number,
  options: Pick<WorkerOptions, 'retryBaseDelaySeconds' | 'retryMaxDelaySeconds'>,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(receiveCount - 1, 30));
  const ceiling = Math.min(options.retryMaxDelaySeconds, options.retryBaseDelaySeconds * 2 ** exponent);
  const half = ceiling / 2;
  return Math.min(options.retryMaxDelaySeconds, Math.round(half + random() * half));
}

/** Delay between failed receives of the poll loop itself (SQS unreachable), ms: 0.5 s doubling to 10 s. */
export function pollErrorDelayMs(consecutiveErrors: number): number {
  return Math.min(10_000, 500 * 2 ** Math.max(0, Math.min(consecutiveErrors - 1, 10)));
}
