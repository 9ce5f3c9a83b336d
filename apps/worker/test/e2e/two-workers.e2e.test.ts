import { scanDocument } from '@platform/scanner';
import { ScanQueue, type Scan } from '@platform/shared';
import { TestEnvironment } from '../support/environment';
import { leakyDocument } from '../support/documents';
import { WorkerProcess, waitForLogged } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

// Two workers on one queue: the sweeper's recovery of scans the API never sent, and duplicate
// deliveries, must each lead to exactly one scan.
let env: TestEnvironment;
let workers: WorkerProcess[];
beforeAll(async () => {
  env = await TestEnvironment.start('e2e-two-workers');
  // A re-sent scan is not sent again within a test (30 s), so every extra send would be a race lost.
  const extra = { SWEEP_AFTER_SECONDS: '30', SWEEP_INTERVAL_SECONDS: '1' };
  workers = await Promise.all([WorkerProcess.start(env.env, extra), WorkerProcess.start(env.env, extra)]);
  env.workers.push(...workers);
});
afterAll(async () => env?.stop());

async function expectScannedOnce(scans: Scan[], documents: string[]): Promise<void> {
  await waitFor('every scan to succeed', async () => (await env.statuses(scans)).every((s) => s.status === 'succeeded'), 40_000, 250);
  const succeeded = await waitForLogged(workers, 'scan succeeded', scans.map((s) => s.scanId));
  for (const [i, scan] of (await env.statuses(scans)).entries()) {
    expect(scan.attempts).toBe(1);
    expect(succeeded.filter((l) => l.scanId === scan.scanId)).toHaveLength(1);
    const expected = scanDocument(documents[i], { framework: 'gdpr' }).map((f) => f.findingId).sort();
    expect((await env.findings.listAll(scan.scanId)).map((f) => f.findingId).sort()).toEqual(expected);
  }
}

// The API writes the scan to DynamoDB, then sends its message; a crash in between leaves a
// `queued` scan no message will ever bring to a worker. `send: false` writes exactly what the API
// had written at that moment; `enqueuedAt` an hour ago stands for the time that has passed since.
it('API crashed between write and send: both sweepers race, each orphan is re-enqueued once and scanned once', async () => {
  const anHourAgo = new Date(Date.now() - 3600_000).toISOString();
  const documents = Array.from({ length: 8 }, (_, i) => leakyDocument(500 + i));
  const orphans = await Promise.all(documents.map((text) => env.submit(text, { send: false, enqueuedAt: anHourAgo })));
  await expectScannedOnce(orphans, documents);
  const swept = workers.flatMap((w) => w.logs('sweeper recovered scan'));
  for (const scan of orphans) {
    expect(swept.filter((l) => l.scanId === scan.scanId)).toEqual([expect.objectContaining({ from: 'queued', action: 'reenqueued' })]);
  }
  expect(workers.flatMap((w) => w.metrics()).filter((m) => m.ScansReenqueued === 1)).toHaveLength(orphans.length);
  expect((await env.statuses(orphans)).map((s) => s.reenqueues)).toEqual(orphans.map(() => 1));
});

it('each message delivered three times: one claim, one scan, the duplicates deleted', async () => {
  const documents = Array.from({ length: 8 }, (_, i) => leakyDocument(600 + i));
  const scans = await Promise.all(documents.map((text) => env.submit(text)));
  const queue = new ScanQueue(env.clients.sqs, env.aws.env.SCAN_QUEUE_URL);
  await Promise.all(scans.flatMap((s) => [queue.send(s), queue.send(s)]));
  await expectScannedOnce(scans, documents);
  const claims = workers.flatMap((w) => w.logs('scan claimed'));
  for (const scan of scans) expect(claims.filter((l) => l.scanId === scan.scanId)).toHaveLength(1);
  // Every extra message ends deleted (found the scan finished) once it has come back from any delay.
  await waitFor('the duplicates to be deleted', () => {
    const deleted = workers.flatMap((w) => w.logs('duplicate message for a finished scan deleted'));
    return scans.every((s) => deleted.filter((l) => l.scanId === s.scanId).length === 2);
  }, 20_000, 250);
});
