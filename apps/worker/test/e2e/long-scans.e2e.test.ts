import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { TestEnvironment } from '../support/environment';
import { heavyDocument } from '../support/documents';
import { WorkerProcess } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

// Scans that outlast the visibility timeout (5 s here): the worker must keep its message hidden,
// and must notice a cancellation while it works.
let env: TestEnvironment;
let worker: WorkerProcess;
beforeAll(async () => {
  env = await TestEnvironment.start('e2e-long');
  worker = await WorkerProcess.start(env.env);
  env.workers.push(worker);
});
afterAll(async () => env?.stop());

async function messagesInQueue(): Promise<number> {
  const { Attributes } = await env.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: env.aws.env.SCAN_QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
}

it('extends visibility while a scan runs longer than the visibility timeout: delivered and scanned once', async () => {
  const scan = await env.submit(heavyDocument(18_000));
  const [done] = await waitFor('the long scan to finish', async () => {
    const [current] = await env.statuses([scan]);
    return current.status === 'succeeded' ? [current] : undefined;
  }, 45_000, 250);
  const succeeded = worker.logs('scan succeeded').find((l) => l.scanId === scan.scanId)!;
  expect(succeeded.durationMs).toBeGreaterThan(5000);
  expect(done.attempts).toBe(1);
  expect(done.summary?.total).toBe(18_000);
  // Never redelivered while it ran: no second claim, no "running elsewhere".
  expect(worker.logs('scan claimed').filter((l) => l.scanId === scan.scanId)).toHaveLength(1);
  expect(worker.logs('scan running elsewhere; message delayed').filter((l) => l.scanId === scan.scanId)).toHaveLength(0);
  expect(await messagesInQueue()).toBe(0);
});

it('stops a running scan that is cancelled and deletes its message', async () => {
  const scan = await env.submit(heavyDocument(20_000));
  await waitFor('some findings to be written', async () => (await env.findings.list(scan.scanId, { limit: 1 })).items.length > 0, 30_000, 100);
  const cancelled = await env.scans.cancel(scan.tenantId, scan.scanId, new Date().toISOString());
  expect(cancelled?.status).toBe('cancelled');
  await waitFor('the worker to stop the scan', () => worker.logs('scan cancelled; stopped').some((l) => l.scanId === scan.scanId), 15_000);
  await waitFor('the message to be deleted', async () => (await messagesInQueue()) === 0, 5000);
  const [after] = await env.statuses([scan]);
  expect(after.status).toBe('cancelled');
  expect(after.summary).toBeUndefined();
  expect(worker.metrics().some((m) => m.ScansCancelled === 1)).toBe(true);
});
