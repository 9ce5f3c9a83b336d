import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanDocument } from '@platform/scanner';
import type { Scan } from '@platform/shared';
import { TestEnvironment } from '../support/environment';
import { heavyDocument, leakyDocument } from '../support/documents';
import { WorkerProcess } from '../support/worker-process';
import { sleep, waitFor } from '../support/wait';

jest.setTimeout(120_000);

// DynamoDB and SQS go away while scans flow, and come back. DynamoDB keeps its data on disk
// across the outage (as the real one would); SQS loses every message (the emulator keeps them in
// memory), which is also what a purge or a lost message looks like. Nothing may be lost or failed.
let env: TestEnvironment;
let dataDir: string;
let worker: WorkerProcess;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'worker-outage-'));
  env = await TestEnvironment.start('e2e-outage', { dataDir });
  worker = await WorkerProcess.start(env.env);
  env.workers.push(worker);
});
afterAll(async () => {
  await env?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function submitMix(offset: number): Promise<{ scans: Scan[]; documents: string[] }> {
  const documents = Array.from({ length: 24 }, (_, i) => (i % 6 === 0 ? `heavy ${offset + i}\n${heavyDocument(3000)}` : leakyDocument(offset + i)));
  return { scans: await Promise.all(documents.map((text) => env.submit(text))), documents };
}

async function expectAllSucceededOnce(scans: Scan[], documents: string[]): Promise<void> {
  await waitFor('every scan to succeed', async () => (await env.statuses(scans)).every((s) => s.status === 'succeeded'), 60_000, 500);
  const successes = worker.logs('scan succeeded');
  for (const [i, scan] of (await env.statuses(scans)).entries()) {
    const expected = scanDocument(documents[i], { framework: 'gdpr' }).map((f) => f.findingId).sort();
    expect((await env.findings.listAll(scan.scanId)).map((f) => f.findingId).sort()).toEqual(expected);
    expect(successes.filter((l) => l.scanId === scan.scanId).length).toBeLessThanOrEqual(1);
  }
  expect(worker.logs('scan failed')).toEqual([]);
}

it('DynamoDB down for a few seconds mid-flow: attempts are retried, never failed, and every scan succeeds once', async () => {
  const { scans, documents } = await submitMix(0);
  await waitFor('scans in flight', () => worker.logs('scan claimed').length >= 4, 30_000, 5);
  await env.aws.stopDynamo();
  await sleep(3000);
  await env.aws.startDynamo();
  await expectAllSucceededOnce(scans, documents);
  // The outage was felt: some call failed and was retried or reported.
  expect(worker.logs('scan attempt failed; retry scheduled').length + worker.logs('worker error').length).toBeGreaterThan(0);
});

it('SQS down and every message lost: the sweeper re-sends what was waiting, and every scan succeeds once', async () => {
  const { scans, documents } = await submitMix(100);
  await waitFor('scans in flight', () => worker.logs('scan claimed').filter((l) => scans.some((s) => s.scanId === l.scanId)).length >= 2, 30_000, 5);
  await env.aws.stopSqs();
  await sleep(2000);
  await env.aws.startSqs();
  await env.aws.provision(); // the same queue names and URLs, empty
  await expectAllSucceededOnce(scans, documents);
  expect(worker.logs('receive failed').length).toBeGreaterThan(0);
  expect(worker.logs('sweeper recovered scan').length).toBeGreaterThan(0);
  expect(await worker.health()).toBe(200);
});
