import type { Logger } from 'pino';
import type { Config } from './config';

export interface JobContext {
  /** Aborted on SIGTERM and when MAX_RUNTIME_SECONDS is up: stop between steps and return. */
  readonly signal: AbortSignal;
  readonly log: Logger;
}

export interface JobResult {
  /** True when the run stopped early (signal or time budget); what is left is done by the next run. */
  readonly stopped: boolean;
  /** Numbers for the summary log line. */
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * One run of purge-expired. Resolve = success (exit 0), throw = failure (exit 1, RunsFailed, alarmed). Work in
 * bounded, idempotent steps and check `context.signal` between them: a run may be stopped or retried.
 */
export async function runJob(_config: Config, context: JobContext): Promise<JobResult> {
  const counts = { steps: 0 };
  // The job's work goes here, e.g. `while (!context.signal.aborted && (await step())) counts.steps++;`
  return { stopped: context.signal.aborted, counts };
}
