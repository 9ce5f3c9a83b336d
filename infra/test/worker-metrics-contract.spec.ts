import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WORKER_FAILURE_METRIC } from '@platform/infra-modules';

/**
 * The worker-failure alarm reads a metric the worker writes as EMF log lines. Stacks may not import
 * app code, so this test reads the worker's metrics source and checks the names the alarm uses
 * are the ones the worker emits: a rename on either side fails here instead of silencing the alarm.
 */
describe('worker EMF metrics and the worker-failure alarm', () => {
  const source = readFileSync(join(__dirname, '../../apps/worker/src/metrics.ts'), 'utf8');
  const constant = (name: string): string | undefined => source.match(new RegExp(`export const ${name} = '([^']+)'`))?.[1];

  it('uses the namespace the worker emits into', () => {
    expect(constant('METRICS_NAMESPACE')).toBe(DEFAULT_WORKER_FAILURE_METRIC.namespace);
  });

  it('uses the worker\'s Service dimension and value', () => {
    expect(source).toMatch(/Dimensions: \[\['Service'\]\]/);
    expect(DEFAULT_WORKER_FAILURE_METRIC.dimensions).toEqual({ Service: constant('SERVICE_DIMENSION') });
  });

  it('alarms on the counter the worker bumps for every failed scan', () => {
    expect(source).toMatch(new RegExp(`'scan_failed', \\(\\) => put\\(\\{ ${DEFAULT_WORKER_FAILURE_METRIC.metricName}: 1 \\}\\)`));
  });
});
