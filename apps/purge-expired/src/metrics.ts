export const METRICS_NAMESPACE = 'DocScan/Jobs';

export type MetricName = 'RunsSucceeded' | 'RunsFailed' | 'RunDurationMs' | 'DocumentsPurged' | 'DeadLetterDepth';

const UNITS: Record<MetricName, 'Count' | 'Milliseconds'> = {
  RunsSucceeded: 'Count',
  RunsFailed: 'Count',
  RunDurationMs: 'Milliseconds',
  DocumentsPurged: 'Count',
  DeadLetterDepth: 'Count',
};

/**
 * One CloudWatch Embedded Metric Format line (a JSON log line CloudWatch Logs turns into metrics), dimension
 * Service. RunsFailed feeds the failures alarm of service.json.
 */
export function emfLine(service: string, values: Partial<Record<MetricName, number>>, timestampMs = Date.now()): string {
  const names = (Object.keys(values) as MetricName[]).filter((name) => values[name] !== undefined);
  const record = {
    _aws: {
      Timestamp: timestampMs,
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['Service']], Metrics: names.map((name) => ({ Name: name, Unit: UNITS[name] })) }],
    },
    Service: service,
    ...values,
  };
  return `${JSON.stringify(record)}\n`;
}
