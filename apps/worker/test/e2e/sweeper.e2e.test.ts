import { scanDocument } from '@platform/scanner';
import { TestEnvironment } from '../support/environment';
import { leakyDocument } from '../support/documents';
import { WorkerProcess } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

// The API writes the scan to DynamoDB, then sends its message; a crash in between leaves a
// `queued` scan no message will ever bring to a worker. `send: false` writes exactly what the API
// had written at that moment; `enqueuedAt` an hour ago stands for the time that has passed since.
let env: TestEnvironment;
beforeAll(async () => (env = await TestEnvironment.start('e2e-sweeper')));
afterAll(async () => env?.stop());

it('two workers sweeping at once re-enqueue each orphaned scan exactly once, and it succeeds once', async () => {
  const anHourAgo = new Date(Date.now() - 3600_000).toISOString();
  const documents = Array.from({ length: 8 }, (_, i) => leakyDocument(500 + i));
  const orphans = await Promise.all(documents.map((text) => env.submit(text, { send: false, enqueuedAt: anHourAgo })));
  // A re-sent scan is not sent again within the test (30 s), so every extra send would be a race lost.
  const extra = { SWEEP_AFTER_SECONDS: '30', SWEEP_INTERVAL_SECONDS: '1' };
  const workers = await Promise.all([WorkerProcess.start(env.env, extra), WorkerProcess.start(env.env, extra)]);
  env.workers.push(...workers);

  await waitFor('every orphaned scan to succeed', async () => (await env.statuses(orphans)).every((s) => s.status === 'succeeded'), 40_000, 250);
  const final = await env.statuses(orphans);
  const swept = workers.flatMap((w) => w.logs('sweeper recovered scan'));
  const succeeded = workers.flatMap((w) => w.logs('scan succeeded'));
  for (const [i, scan] of final.entries()) {
    expect(swept.filter((l) => l.scanId === scan.scanId)).toEqual([expect.objectContaining({ from: 'queued', action: 'reenqueued' })]);
    expect(succeeded.filter((l) => l.scanId === scan.scanId)).toHaveLength(1);
    expect(scan.attempts).toBe(1);
    const expected = scanDocument(documents[i], { framework: 'gdpr' }).map((f) => f.findingId).sort();
    expect((await env.findings.listAll(scan.scanId)).map((f) => f.findingId).sort()).toEqual(expected);
  }
  expect(workers.flatMap((w) => w.metrics()).filter((m) => m.ScansReenqueued === 1)).toHaveLength(orphans.length);
  await Promise.all(workers.map((w) => w.kill('SIGTERM')));
});
