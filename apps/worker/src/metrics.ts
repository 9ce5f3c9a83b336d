import type { WorkerEmitter } from './events';

export const METRICS_NAMESPACE = 'DocScan/Worker';
export const SERVICE_DIMENSION = 'worker';

export type MetricName = 'ScansSucceeded' | 'ScansFailed' | 'ScansRetried' | 'ScansCancelled' | 'ScansReenqueued' | 'PoisonMessages' | 'ScanDurationMs' | 'QueueWaitMs';

const UNITS: Record<MetricName, 'Count' | 'Milliseconds'> = {
  ScansSucceeded: 'Count',
  ScansFailed: 'Count',
  ScansRetried: 'Count',
  ScansCancelled: 'Count',
  ScansReenqueued: 'Count',
  PoisonMessages: 'Count',
  ScanDurationMs: 'Milliseconds',
  QueueWaitMs: 'Milliseconds',
};

/**
 * One CloudWatch Embedded Metric Format record: a JSON log line that CloudWatch Logs turns into
 * metrics (namespace DocScan/Worker, dimension Service). Only numbers and the service name: no
 * scan ids (they would be high-cardinality dimensions) and never document content.
 */
export function emfRecord(values: Partial<Record<MetricName, number>>, timestampMs = Date.now()): Record<string, unknown> {
  const names = Object.keys(values) as MetricName[];
  return {
    _aws: {
      Timestamp: timestampMs,
      CloudWatchMetrics: [
        { Namespace: METRICS_NAMESPACE, Dimensions: [['Service']], Metrics: names.map((name) => ({ Name: name, Unit: UNITS[name] })) },
      ],
    },
    Service: SERVICE_DIMENSION,
    ...values,
  };
}

/** Writes an EMF line per event worth counting. `write` is stdout in production. */
export function attachMetrics(events: WorkerEmitter, write: (line: string) => void): void {
  const put = (values: Partial<Record<MetricName, number>>) => write(`${JSON.stringify(emfRecord(values))}\n`);
  events.on('scan_claimed', (e) => put({ QueueWaitMs: e.queueWaitMs }));
  events.on('scan_succeeded', (e) => put({ ScansSucceeded: 1, ScanDurationMs: e.durationMs }));
  events.on('scan_failed', () => put({ ScansFailed: 1 }));
  events.on('scan_retry_scheduled', () => put({ ScansRetried: 1 }));
  events.on('scan_cancelled', () => put({ ScansCancelled: 1 }));
  events.on('poison_message', () => put({ PoisonMessages: 1 }));
  events.on('swept', (e) => e.action === 'reenqueued' && put({ ScansReenqueued: 1 }));
}
