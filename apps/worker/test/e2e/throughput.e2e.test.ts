import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanDocument } from '@platform/scanner';
import { TestEnvironment } from '../support/environment';
import { leakyDocument } from '../support/documents';
import { WorkerProcess, waitForLogged } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

let env: TestEnvironment;
let heartbeatDir: string;
beforeAll(async () => {
  heartbeatDir = mkdtempSync(path.join(tmpdir(), 'worker-e2e-'));
  env = await TestEnvironment.start('e2e-throughput');
});
afterAll(async () => {
  await env?.stop();
  rmSync(heartbeatDir, { recursive: true, force: true });
});

it('scans 50 submitted documents: every scan succeeds once, with its findings, and emits EMF metrics', async () => {
  const heartbeatFile = path.join(heartbeatDir, 'heartbeat');
  const worker = await WorkerProcess.start(env.env, { HEARTBEAT_FILE: heartbeatFile });
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
  const succeeded = (await waitForLogged([worker], 'scan succeeded', submitted.map((s) => s.scanId))).map((l) => l.scanId);
  expect(succeeded.sort()).toEqual(submitted.map((s) => s.scanId).sort());
  // Metrics in CloudWatch EMF, namespace DocScan/Worker, dimension Service.
  const metrics = worker.metrics();
  expect(metrics.filter((m) => m.ScansSucceeded === 1)).toHaveLength(50);
  expect(metrics.filter((m) => typeof m.QueueWaitMs === 'number')).toHaveLength(50);
  expect(metrics[0]).toMatchObject({ Service: 'worker', _aws: { CloudWatchMetrics: [{ Namespace: 'DocScan/Worker', Dimensions: [['Service']] }] } });
  // Logs never carry document content.
  const output = worker.output.join('\n');
  expect(output).not.toContain('jane.doe1@example.org');
  expect(output).not.toContain(documents[3].split('\n')[2].split('= ')[1]);

  expect(await worker.health()).toBe(200);
  // The ECS container check's view: the heartbeat file is fresh (it allows 120 s).
  expect(Date.now() - statSync(heartbeatFile).mtimeMs).toBeLessThan(120_000);
  await worker.kill('SIGTERM');
});
