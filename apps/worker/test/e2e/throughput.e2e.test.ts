import { scanDocument } from '@platform/scanner';
import { TestEnvironment } from '../support/environment';
import { leakyDocument } from '../support/documents';
import { WorkerProcess } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

let env: TestEnvironment;
beforeAll(async () => (env = await TestEnvironment.start('e2e-throughput')));
afterAll(async () => env?.stop());

it('scans 50 submitted documents: every scan succeeds once, with its findings, and emits EMF metrics', async () => {
  const worker = await WorkerProcess.start(env.env);
  env.workers.push(worker);
  const documents = Array.from({ length: 50 }, (_, i) => leakyDocument(i));
  const submitted = await Promise.all(documents.map((text) => env.submit(text)));

  await waitFor('all 50 scans to succeed', async () => (await env.statuses(submitted)).every((s) => s.status === 'succeeded'), 40_000, 250);

  const final = await env.statuses(submitted);
  for (const [i, scan] of final.entries()) {
    const expected = scanDocument(documents[i], { framework: 'gdpr' });
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(scan.attempts).toBe(1);
    expect(scan.summary?.total).toBe(expected.length);
    const stored = await env.findings.listAll(scan.scanId);
    expect(stored.map((f) => f.findingId).sort()).toEqual(expected.map((f) => f.findingId).sort());
  }
  // Exactly one success per scan.
  const succeeded = worker.logs('scan succeeded').map((l) => l.scanId);
  expect(succeeded.sort()).toEqual(submitted.map((s) => s.scanId).sort());
  // Metrics in CloudWatch EMF, namespace DocScan/Worker, dimension Service.
  const metrics = worker.metrics();
  expect(metrics.filter((m) => m.ScansSucceeded === 1)).toHaveLength(50);
  expect(metrics.filter((m) => typeof m.QueueWaitMs === 'number')).toHaveLength(50);
  expect(metrics[0]).toMatchObject({ Service: 'worker', _aws: { CloudWatchMetrics: [{ Namespace: 'DocScan/Worker', Dimensions: [['Service']] }] } });
  // Logs never carry document content.
  const output = worker.rawOutput.join('\n');
  expect(output).not.toContain('jane.doe1@example.org');
  expect(output).not.toContain(documents[3].split('\n')[2].split('= ')[1]);

  expect(await worker.health()).toBe(200);
  await worker.kill('SIGTERM');
});
