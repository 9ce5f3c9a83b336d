import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { TestEnvironment } from '../support/environment';
import { heavyDocument } from '../support/documents';
import { findingsLasting, measureFindingsPerSecond } from '../support/long-document';
import { FAST_ENV, WorkerProcess, waitForLogged } from '../support/worker-process';
import { sleep, waitFor } from '../support/wait';

jest.setTimeout(60_000);

// Scans that outlast the visibility timeout: the worker must keep its message hidden, and must
// notice a cancellation while it works. Documents are sized from the measured speed of the machine running the test,
// so the scans are long on a fast machine as on a slow one.
const VISIBILITY_MS = Number(FAST_ENV.VISIBILITY_TIMEOUT_SECONDS) * 1000;
const LONG_SCAN_MS = 12_000;
let env: TestEnvironment;
let worker: WorkerProcess;
let longScanFindings: number;
beforeAll(async () => {
  env = await TestEnvironment.start('e2e-long');
  worker = await WorkerProcess.start(env.env);
  env.workers.push(worker);
  longScanFindings = findingsLasting(LONG_SCAN_MS, await measureFindingsPerSecond(env, worker));
});
afterAll(async () => env?.stop());

async function queueCounts(): Promise<{ visible: number; hidden: number }> {
  const { Attributes } = await env.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: env.aws.env.SCAN_QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { visible: Number(Attributes?.ApproximateNumberOfMessages), hidden: Number(Attributes?.ApproximateNumberOfMessagesNotVisible) };
}

it('extends visibility while a scan runs longer than the visibility timeout: delivered and scanned once', async () => {
  const scan = await env.submit(heavyDocument(longScanFindings));
  const claimed = await waitFor('the worker to claim the scan', () => worker.logs('scan claimed').find((l) => l.scanId === scan.scanId), 20_000, 20);

  // Past the visibility timeout given at receive, the message would be visible again had the
  // worker not extended it. The scan must still be running then, or this proves nothing.
  await sleep(Number(claimed.time) + VISIBILITY_MS + 1500 - Date.now());
  const [during] = await env.statuses([scan]);
  expect(during.status).toBe('running');
  expect(await queueCounts()).toEqual({ visible: 0, hidden: 1 });

  const [done] = await waitFor('the long scan to finish', async () => {
    const [current] = await env.statuses([scan]);
    return current.status === 'succeeded' ? [current] : undefined;
  }, 45_000, 250);
  expect(done.attempts).toBe(1);
  expect(done.summary?.total).toBe(longScanFindings);
  // The lease kept refreshing the heartbeat past the point where the message would have returned.
  expect(Date.parse(done.heartbeatAt!) - Date.parse(done.startedAt!)).toBeGreaterThan(VISIBILITY_MS);
  const succeeded = (await waitForLogged([worker], 'scan succeeded', [scan.scanId])).filter((l) => l.scanId === scan.scanId);
  expect(succeeded).toHaveLength(1);
  expect(succeeded[0].durationMs).toBeGreaterThan(VISIBILITY_MS);
  // Never redelivered while it ran: no second claim, no "running elsewhere".
  expect(worker.logs('scan claimed').filter((l) => l.scanId === scan.scanId)).toHaveLength(1);
  expect(worker.logs('scan running elsewhere; message delayed').filter((l) => l.scanId === scan.scanId)).toHaveLength(0);
  expect(await queueCounts()).toEqual({ visible: 0, hidden: 0 });
});

it('stops a running scan that is cancelled and deletes its message', async () => {
  const scan = await env.submit(heavyDocument(longScanFindings));
  await waitFor('some findings to be written', async () => (await env.findings.list(scan.scanId, { limit: 1 })).items.length > 0, 30_000, 100);
  const cancelled = await env.scans.cancel(scan.tenantId, scan.scanId, new Date().toISOString());
  // Cancelled while running: a scan this long cannot have finished already.
  expect(cancelled?.status).toBe('cancelled');
  await waitFor('the worker to stop the scan', () => worker.logs('scan cancelled; stopped').some((l) => l.scanId === scan.scanId), 15_000);
  await waitFor('the message to be deleted', async () => {
    const { visible, hidden } = await queueCounts();
    return visible + hidden === 0;
  }, 5000);
  const [after] = await env.statuses([scan]);
  expect(after.status).toBe('cancelled');
  expect(after.summary).toBeUndefined();
  // It stopped well short of the end: the remaining findings were never written.
  expect((await env.findings.listAll(scan.scanId)).length).toBeLessThan(longScanFindings);
  expect(worker.logs('scan succeeded').filter((l) => l.scanId === scan.scanId)).toHaveLength(0);
  expect(worker.metrics().some((m) => m.ScansCancelled === 1)).toBe(true);
});
