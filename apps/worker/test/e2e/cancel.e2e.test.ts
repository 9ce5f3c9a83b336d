import { ApiKeyRepository, generateApiKey } from '@platform/shared';
import { TestEnvironment } from '../support/environment';
import { heavyDocument } from '../support/documents';
import { findingsLasting, measureFindingsPerSecond } from '../support/long-document';
import { ApiProcess } from '../support/api-process';
import { countFindings } from '../support/count-findings';
import { WorkerProcess } from '../support/worker-process';
import { sleep, waitFor } from '../support/wait';

jest.setTimeout(90_000);

// Cancel through the API while the worker writes a long scan's findings: the worker must stop
// within about a second, and the API must never serve what was written before the stop.
const TENANT = 'tenant-e2e';
const SCAN_MS = 15_000;
/**
 * The worker reads the scan's status every 250 ms while writing and stops before its next
 * BatchWriteItem: about a second at most. Half a second of margin for this shared 2-core machine.
 */
const STOP_WITHIN_MS = 1500;
let env: TestEnvironment;
let worker: WorkerProcess;
let api: ApiProcess;
let authorization: string;
let findingsPerSecond: number;
beforeAll(async () => {
  env = await TestEnvironment.start('e2e-cancel');
  const key = generateApiKey();
  await new ApiKeyRepository(env.clients.dynamo, env.prefix).register(key, TENANT, 'e2e');
  authorization = `Bearer ${key}`;
  [worker, api] = await Promise.all([WorkerProcess.start(env.env), ApiProcess.start(env.env)]);
  env.workers.push(worker);
  findingsPerSecond = await measureFindingsPerSecond(env, worker);
});
afterAll(async () => {
  await api?.kill('SIGKILL');
  await env?.stop();
});

it('stops writing findings within a second of a cancel through the API, which then answers 409 for findings and report', async () => {
  const total = findingsLasting(SCAN_MS, findingsPerSecond);
  const scan = await env.submit(heavyDocument(total), { tenantId: TENANT });
  // Mid-scan: the detectors are done and the worker is writing slices.
  await waitFor('findings being written', async () => (await countFindings(env, scan.scanId)) > 0, 30_000, 50);

  const cancelledAt = Date.now();
  const cancel = await fetch(`${api.baseUrl}/v1/scans/${scan.scanId}/cancel`, { method: 'POST', headers: { authorization } });
  expect(cancel.status).toBe(200);
  expect(((await cancel.json()) as { status: string }).status).toBe('cancelled');

  const stopped = await waitFor('the worker to stop the scan', () => worker.logs('scan cancelled; stopped').find((l) => l.scanId === scan.scanId), 15_000, 20);
  const stopMs = Number(stopped.time) - cancelledAt;
  console.log(`cancel: ${total} findings planned at ${Math.round(findingsPerSecond)}/s; worker stopped ${stopMs} ms after the cancel`);

  // Nothing is written after the stop: the count STOP_WITHIN_MS after the cancel is the final one.
  await sleep(cancelledAt + STOP_WITHIN_MS - Date.now());
  const settled = await countFindings(env, scan.scanId);
  await sleep(2000);
  expect(await countFindings(env, scan.scanId)).toBe(settled);
  expect(settled).toBeLessThan(total);
  // The log line comes after the message is deleted from SQS, so it may trail the last write.
  expect(stopMs).toBeLessThan(2 * STOP_WITHIN_MS);
  expect(worker.logs('scan succeeded').filter((l) => l.scanId === scan.scanId)).toHaveLength(0);

  const [after] = await env.statuses([scan]);
  expect(after.status).toBe('cancelled');
  expect(after.summary).toBeUndefined();
  for (const path of ['findings', 'report', 'report?format=sarif']) {
    const response = await fetch(`${api.baseUrl}/v1/scans/${scan.scanId}/${path}`, { headers: { authorization } });
    const problem = (await response.json()) as { type?: string };
    expect({ path, status: response.status, problem: response.headers.get('content-type')?.startsWith('application/problem+json'), type: problem.type }).toEqual({
      path,
      status: 409,
      problem: true,
      type: 'https://docscan.example.com/problems/invalid-state',
    });
  }
});
