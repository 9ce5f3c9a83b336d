import { scanDocument } from '@platform/scanner';
import type { Scan } from '@platform/shared';
import { TestEnvironment } from '../support/environment';
import { heavyDocument } from '../support/documents';
import { WorkerProcess } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(90_000);

// Scans with ~1500 findings each take about a second to write, so killing or stopping the worker
// reliably lands in the middle of some.
const DOCUMENT_FINDINGS = 1500;
let env: TestEnvironment;
beforeAll(async () => (env = await TestEnvironment.start('e2e-crash')));
afterAll(async () => env?.stop());

async function submitBatch(count: number, offset: number): Promise<{ scans: Scan[]; documents: string[] }> {
  const documents = Array.from({ length: count }, (_, i) => `batch ${offset + i}\n${heavyDocument(DOCUMENT_FINDINGS + offset + i)}`);
  const scans = await Promise.all(documents.map((text) => env.submit(text)));
  return { scans, documents };
}

async function expectAllSucceededOnce(scans: Scan[], documents: string[], workers: WorkerProcess[]): Promise<Scan[]> {
  await waitFor('every scan to succeed', async () => (await env.statuses(scans)).every((s) => s.status === 'succeeded'), 60_000, 250);
  const final = await env.statuses(scans);
  for (const [i, scan] of final.entries()) {
    const expected = scanDocument(documents[i], { framework: 'gdpr' }).map((f) => f.findingId).sort();
    const stored = (await env.findings.listAll(scan.scanId)).map((f) => f.findingId).sort();
    expect(stored).toEqual(expected); // all findings, no duplicates
    expect(scan.summary?.total).toBe(expected.length);
    // At most one process reports the success (a killed one may have succeeded without logging).
    const successes = workers.flatMap((w) => w.logs('scan succeeded')).filter((l) => l.scanId === scan.scanId);
    expect(successes.length).toBeLessThanOrEqual(1);
  }
  return final;
}

it('kill -9 mid-scan, restart: every scan ends succeeded exactly once, the interrupted ones re-claimed', async () => {
  const { scans, documents } = await submitBatch(16, 0);
  const first = await WorkerProcess.start(env.env);
  env.workers.push(first);
  const inFlight = await waitFor(
    'a scan in flight after at least one success',
    () => {
      const done = new Set(first.logs('scan succeeded').map((l) => l.scanId));
      if (done.size === 0) return undefined;
      return first.logs('scan claimed').find((l) => !done.has(l.scanId))?.scanId;
    },
    30_000,
    20,
  );
  await first.kill('SIGKILL');
  const [interrupted] = await env.statuses(scans.filter((s) => s.scanId === inFlight));
  expect(interrupted.status).toBe('running');

  const second = await WorkerProcess.start(env.env);
  env.workers.push(second);
  const final = await expectAllSucceededOnce(scans, documents, [first, second]);

  const reclaimed = final.find((s) => s.scanId === inFlight)!;
  expect(reclaimed.attempts).toBe(2);
  expect(final.every((s) => s.attempts >= 1 && s.attempts <= 2)).toBe(true);
  await second.kill('SIGTERM');
});

it('SIGTERM during work with no grace left: releases in-flight scans, exits 0, and a restart finishes all', async () => {
  const { scans, documents } = await submitBatch(12, 100);
  const worker = await WorkerProcess.start(env.env, { SHUTDOWN_GRACE_SECONDS: '0' });
  env.workers.push(worker);
  await waitFor('scans in flight', () => worker.logs('scan claimed').length >= 4, 30_000, 20);
  worker.child.kill('SIGTERM');
  const exit = await worker.exited;
  expect(exit).toEqual({ code: 0, signal: null });
  expect(worker.logs('scan released for another worker').length).toBeGreaterThanOrEqual(1);
  // Nothing is left running: each scan is either done or back in the queue.
  const after = await env.statuses(scans);
  expect(after.filter((s) => s.status === 'running')).toEqual([]);

  const restarted = await WorkerProcess.start(env.env);
  env.workers.push(restarted);
  await expectAllSucceededOnce(scans, documents, [worker, restarted]);
  await restarted.kill('SIGTERM');
});

it('SIGTERM with grace: in-flight scans finish before the process exits 0', async () => {
  const { scans, documents } = await submitBatch(8, 200);
  const worker = await WorkerProcess.start(env.env, { SHUTDOWN_GRACE_SECONDS: '20', WORKER_CONCURRENCY: '2' });
  env.workers.push(worker);
  await waitFor('scans in flight', () => worker.logs('scan claimed').length >= 2, 30_000, 20);
  worker.child.kill('SIGTERM');
  expect(await worker.exited).toEqual({ code: 0, signal: null });
  const claimed = new Set(worker.logs('scan claimed').map((l) => l.scanId));
  const succeeded = new Set(worker.logs('scan succeeded').map((l) => l.scanId));
  expect(succeeded).toEqual(claimed);
  expect(worker.logs('scan released for another worker')).toEqual([]);

  const restarted = await WorkerProcess.start(env.env);
  env.workers.push(restarted);
  await expectAllSucceededOnce(scans, documents, [worker, restarted]);
  await restarted.kill('SIGTERM');
});
