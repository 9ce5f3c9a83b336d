import { Writable } from 'node:stream';
import { SCAN_QUEUE, loadWorkerConfig } from '@platform/shared';
import { createLogger } from '../../src/logging';
import { startWorker, type RunningWorker } from '../../src/worker';
import { TestEnvironment } from '../support/environment';
import { FAST_ENV } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(60_000);

// No real input makes a detector throw (the scanner's own tests see to that), so this worker runs
// in-process with a scanner that crashes the way a detector bug would: on every attempt, with an
// error message quoting the document. Everything else is real: queue, DLQ, tables, consumer.
const MAX_RECEIVE_COUNT = SCAN_QUEUE.deadLetter.maxReceiveCount;
const SECRET_LINE = 'db_password = Zq8#fake-only-for-tests#Wx3';
let env: TestEnvironment;
let worker: RunningWorker;
const output: string[] = [];

beforeAll(async () => {
  env = await TestEnvironment.start('int-detector-crash');
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output.push(chunk.toString());
      done();
    },
  });
  const config = loadWorkerConfig({ ...env.env, ...FAST_ENV, HEALTH_PORT: '0', LOG_LEVEL: 'info' });
  worker = await startWorker(config, {
    log: createLogger('info', sink),
    writeMetrics: (line) => output.push(line),
    scan: (text) => {
      throw new RangeError(`detector blew up near "${text.slice(0, 60)}"`);
    },
  });
});
afterAll(async () => {
  await worker?.stop();
  await env?.stop();
});

it('a scan that crashes the detector on every attempt ends failed with a safe reason, its message in the DLQ', async () => {
  const scan = await env.submit(`config\n${SECRET_LINE}\n`);
  const body = JSON.stringify({ tenantId: scan.tenantId, scanId: scan.scanId });
  const dead: string[] = [];
  await waitFor('the message in the DLQ', async () => {
    dead.push(...(await env.deadLetters()));
    return dead.includes(body);
  }, 45_000, 500);

  const [failed] = await env.statuses([scan]);
  expect(failed).toMatchObject({ status: 'failed', attempts: MAX_RECEIVE_COUNT, reason: `scan failed ${MAX_RECEIVE_COUNT} times: detector crashed (RangeError)` });
  expect(await env.findings.listAll(scan.scanId)).toEqual([]);
  // The detector's message quoted the document: it reaches neither the scan, nor the logs, nor metrics.
  const everything = output.join('');
  expect(everything).toContain('detector crashed');
  expect(everything).not.toContain('Zq8#fake-only-for-tests');
  expect(JSON.stringify(failed)).not.toContain('Zq8#fake-only-for-tests');
});
