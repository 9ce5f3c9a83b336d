import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { SCAN_QUEUE, newScanId, type Framework } from '@platform/shared';
import { TestEnvironment } from '../support/environment';
import { WorkerProcess } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(90_000);

// Messages no retry can fix. Each is received maxReceiveCount times (the queue's redrive policy,
// which the worker's MAX_RECEIVE_COUNT default matches), then SQS moves it to the DLQ; a scan
// behind it is marked failed with a reason the API shows (GET /scans/{id} returns `reason`).
const MAX_RECEIVE_COUNT = SCAN_QUEUE.deadLetter.maxReceiveCount;
let env: TestEnvironment;
let worker: WorkerProcess;
beforeAll(async () => {
  env = await TestEnvironment.start('e2e-poison');
  worker = await WorkerProcess.start(env.env, { MAX_RECEIVE_COUNT: String(MAX_RECEIVE_COUNT) });
  env.workers.push(worker);
});
afterAll(async () => env?.stop());

async function sendRaw(body: string): Promise<void> {
  await env.clients.sqs.send(new SendMessageCommand({ QueueUrl: env.aws.env.SCAN_QUEUE_URL, MessageBody: body }));
}

async function messagesLeft(): Promise<number> {
  const { Attributes } = await env.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: env.aws.env.SCAN_QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
}

it('unparseable, unknown-scan and unscannable messages reach the DLQ after maxReceiveCount; their scans fail with a reason', async () => {
  expect(MAX_RECEIVE_COUNT).toBeGreaterThan(1);
  const garbage = 'not a scan message: {"tenantId":';
  const unknownScan = JSON.stringify({ tenantId: 'tenant-e2e', scanId: newScanId() });
  // The API crashed after writing the scan but before its document was complete.
  const missingDocument = await env.submit('mail me at someone@example.org', { writeDocument: false });
  // An item no API accepts (written by an older version, or by hand): the scanner refuses its options every time.
  const badOptions = await env.submit('mail me at someone@example.org', { framework: 'hipaa' as Framework });
  await sendRaw(garbage);
  await sendRaw(unknownScan);

  const expected = [garbage, unknownScan, JSON.stringify({ tenantId: missingDocument.tenantId, scanId: missingDocument.scanId }), JSON.stringify({ tenantId: badOptions.tenantId, scanId: badOptions.scanId })];
  const dead = new Set<string>();
  await waitFor('all four messages in the DLQ', async () => {
    for (const body of await env.deadLetters()) dead.add(body);
    return expected.every((body) => dead.has(body));
  }, 60_000, 500);
  expect([...dead].sort()).toEqual([...expected].sort());
  expect(await messagesLeft()).toBe(0);

  const [missing, bad] = await env.statuses([missingDocument, badOptions]);
  expect(missing).toMatchObject({ status: 'failed', attempts: MAX_RECEIVE_COUNT, reason: `scan failed ${MAX_RECEIVE_COUNT} times: document is missing or incomplete` });
  expect(bad).toMatchObject({ status: 'failed', attempts: MAX_RECEIVE_COUNT });
  expect(bad.reason).toMatch(new RegExp(`^scan failed ${MAX_RECEIVE_COUNT} times: invalid scan options: framework must be one of gdpr, ccpa`));
  expect(missing.summary).toBeUndefined();

  // Each poison message was received exactly maxReceiveCount times by the worker, never more.
  const poison = worker.logs('poison message left for the dead-letter queue');
  expect(poison.filter((l) => l.kind === 'unparseable').map((l) => l.receiveCount)).toEqual([1, 2, 3, 4, 5].slice(0, MAX_RECEIVE_COUNT));
  expect(poison.filter((l) => l.kind === 'unknown-scan').map((l) => l.receiveCount)).toEqual([1, 2, 3, 4, 5].slice(0, MAX_RECEIVE_COUNT));
  expect(worker.logs('scan attempt failed; retry scheduled').filter((l) => l.scanId === missingDocument.scanId)).toHaveLength(MAX_RECEIVE_COUNT - 1);
  expect(worker.logs('scan failed').map((l) => l.scanId).sort()).toEqual([missingDocument.scanId, badOptions.scanId].sort());
  const metrics = worker.metrics();
  expect(metrics.filter((m) => m.PoisonMessages === 1)).toHaveLength(2 * MAX_RECEIVE_COUNT);
  expect(metrics.filter((m) => m.ScansFailed === 1)).toHaveLength(2);
  // A message body is never logged: it is not the worker's to trust.
  expect(worker.output.join('\n')).not.toContain('not a scan message');
});
