import { DEFAULT_MAX_RECEIVE_COUNT, type WorkerConfig } from '@platform/shared';
import { WorkerOptionsError } from './errors';

/**
 * Everything the consumer needs, in one documented type. Limits are the AWS ones where AWS has
 * one; `validateOptions` checks them up front so a bad value fails at start, not mid-poll.
 */
export interface WorkerOptions {
  /** Queue to poll. */
  readonly queueUrl: string;
  /** Scans handled at once by this process; each receive asks for at most the free slots (SQS caps a receive at 10). @default 4 */
  readonly concurrency: number;
  /** Long-poll wait per ReceiveMessage, seconds; SQS allows 0..20. @default 20 */
  readonly waitTimeSeconds: number;
  /** Visibility timeout set on receive and on every extension, seconds; SQS allows 0..43200. @default 60 */
  readonly visibilityTimeoutSeconds: number;
  /** How often a running scan extends its message and refreshes its heartbeat; below the visibility timeout. @default - a third of visibilityTimeoutSeconds, at least 1 */
  readonly heartbeatIntervalSeconds: number;
  /** Receives after which SQS moves a message to the DLQ (the queue's redrive policy; 1..1000). @default - SCAN_QUEUE.deadLetter.maxReceiveCount */
  readonly maxReceiveCount: number;
  /** Time in-flight scans get to finish on stop before they are released, seconds. @default 20 */
  readonly shutdownGraceSeconds: number;
  /** First retry delay after a failed attempt, seconds; doubles per receive. @default 1 */
  readonly retryBaseDelaySeconds: number;
  /** Longest retry delay, seconds; at most the SQS visibility limit 43200. @default 300 */
  readonly retryMaxDelaySeconds: number;
  /** Delay before a poison message (unparseable, unknown scan) is received again on its way to the DLQ, seconds. @default 1 */
  readonly poisonRedeliveryDelaySeconds: number;
  /** A scan still `queued` this long after its last enqueue is sent again, seconds. @default 120 */
  readonly sweepAfterSeconds: number;
  /** Sweeper period, seconds. @default 30 */
  readonly sweepIntervalSeconds: number;
  /** Scans the sweeper handles per run (per state). @default 100 */
  readonly sweepBatchSize: number;
  /** Findings written per slice; cancellation is checked between slices. @default 500 */
  readonly findingsWriteSliceSize: number;
  /** The poll loop counts as stuck (health 503) after this long without a completed receive while it should be receiving, ms. @default - (waitTimeSeconds + 30) * 1000 */
  readonly pollStuckAfterMs: number;
}

/** SQS and worker limits, stated once; the validation messages quote them. */
export const LIMITS = {
  concurrency: { min: 1, max: 100 },
  waitTimeSeconds: { min: 0, max: 20 },
  visibilityTimeoutSeconds: { min: 1, max: 43200 },
  maxReceiveCount: { min: 1, max: 1000 },
  shutdownGraceSeconds: { min: 0, max: 3600 },
  retryBaseDelaySeconds: { min: 0, max: 43200 },
  retryMaxDelaySeconds: { min: 0, max: 43200 },
  poisonRedeliveryDelaySeconds: { min: 0, max: 43200 },
  sweepAfterSeconds: { min: 1, max: 86400 },
  sweepIntervalSeconds: { min: 1, max: 86400 },
  sweepBatchSize: { min: 1, max: 1000 },
  findingsWriteSliceSize: { min: 25, max: 100_000 },
  pollStuckAfterMs: { min: 1000, max: 3_600_000 },
} as const;

type NumericOption = keyof typeof LIMITS;

/** Fills defaults for every option not given. */
export function withDefaults(options: Partial<WorkerOptions> & { queueUrl: string }): WorkerOptions {
  const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 60;
  const waitTimeSeconds = options.waitTimeSeconds ?? 20;
  return {
    concurrency: 4,
    maxReceiveCount: DEFAULT_MAX_RECEIVE_COUNT,
    shutdownGraceSeconds: 20,
    retryBaseDelaySeconds: 1,
    retryMaxDelaySeconds: 300,
    poisonRedeliveryDelaySeconds: 1,
    sweepAfterSeconds: 120,
    sweepIntervalSeconds: 30,
    sweepBatchSize: 100,
    findingsWriteSliceSize: 500,
    heartbeatIntervalSeconds: Math.max(1, Math.floor(visibilityTimeoutSeconds / 3)),
    pollStuckAfterMs: (waitTimeSeconds + 30) * 1000,
    ...options,
    visibilityTimeoutSeconds,
    waitTimeSeconds,
  };
}

/** Throws a WorkerOptionsError naming every bad option and its allowed range. */
export function validateOptions(options: WorkerOptions): WorkerOptions {
  const problems: string[] = [];
  if (!/^https?:\/\//.test(options.queueUrl)) problems.push(`queueUrl must be an http(s) URL (got "${options.queueUrl}")`);
  for (const [name, range] of Object.entries(LIMITS) as [NumericOption, { min: number; max: number }][]) {
    const value = options[name];
    if (!Number.isInteger(value) || value < range.min || value > range.max) {
      problems.push(`${name} must be an integer from ${range.min} to ${range.max} (got ${value})`);
    }
  }
  if (!Number.isInteger(options.heartbeatIntervalSeconds) || options.heartbeatIntervalSeconds < 1 || options.heartbeatIntervalSeconds >= options.visibilityTimeoutSeconds) {
    problems.push(
      `heartbeatIntervalSeconds must be an integer from 1 to below visibilityTimeoutSeconds (${options.visibilityTimeoutSeconds}) (got ${options.heartbeatIntervalSeconds})`,
    );
  }
  if (options.retryBaseDelaySeconds > options.retryMaxDelaySeconds) {
    problems.push(`retryBaseDelaySeconds (${options.retryBaseDelaySeconds}) must not exceed retryMaxDelaySeconds (${options.retryMaxDelaySeconds})`);
  }
  if (problems.length > 0) throw new WorkerOptionsError(problems);
  return options;
}

/** The worker's options from its validated environment configuration. */
export function optionsFromConfig(config: WorkerConfig): WorkerOptions {
  return validateOptions(
    withDefaults({
      queueUrl: config.aws.scanQueueUrl,
      concurrency: config.concurrency,
      waitTimeSeconds: config.waitTimeSeconds,
      visibilityTimeoutSeconds: config.visibilityTimeoutSeconds,
      maxReceiveCount: config.maxReceiveCount,
      shutdownGraceSeconds: config.shutdownGraceSeconds,
      sweepAfterSeconds: config.sweepAfterSeconds,
      sweepIntervalSeconds: config.sweepIntervalSeconds,
    }),
  );
}
