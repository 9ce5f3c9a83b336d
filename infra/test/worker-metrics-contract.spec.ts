import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceCatalog } from './synth-platform';

/**
 * The worker's failure alarm reads a metric the worker writes as EMF log lines, as its manifest
 * (apps/worker/service.json `alarms.failures`) declares. Stacks may not import app code, so this
 * test reads the worker's metrics source and checks the names the manifest uses are the ones the
 * worker emits: a rename on either side fails here instead of silencing the alarm.
 */
describe('worker EMF metrics and the worker-failure alarm', () => {
  const source = readFileSync(join(__dirname, '../../apps/worker/src/metrics.ts'), 'utf8');
  const constant = (name: string): string | undefined => source.match(new RegExp(`export const ${name} = '([^']+)'`))?.[1];
  const failures = workspaceCatalog().get('worker')?.alarms?.failures;

  it('is declared in the manifest', () => {
    expect(failures).toBeDefined();
  });

  it('uses the namespace the worker emits into', () => {
    expect(constant('METRICS_NAMESPACE')).toBe(failures?.metric.namespace);
  });

  it("uses the worker's Service dimension and value", () => {
    expect(source).toMatch(/Dimensions: \[\['Service'\]\]/);
    expect(failures?.metric.dimensions).toEqual({ Service: constant('SERVICE_DIMENSION') });
  });

  it('alarms on the counter the worker bumps for every failed scan', () => {
    expect(source).toMatch(new RegExp(`'scan_failed', \\(\\) => put\\(\\{ ${failures?.metric.metricName}: 1 \\}\\)`));
  });
});
