import { scanDocument } from '@platform/scanner';
import type { Scan } from '@platform/shared';
import { TestEnvironment } from '../support/environment';
import { heavyDocument } from '../support/documents';
import { findingsLasting, measureFindingsPerSecond } from '../support/long-document';
import { WorkerProcess } from '../support/worker-process';
import { waitFor } from '../support/wait';

jest.setTimeout(90_000);

// Each scan is sized to take about a second on the machine running the test, alone (measured on a first worker), so
// a kill or a stop sent the moment a scan is claimed lands in its middle on any machine.
const SCAN_MS = 1000;
let env: TestEnvironment;
let documentFindings: number;
beforeAll(async () => {
  env = await TestEnvironment.start('e2e-crash');
  const calibration = await WorkerProcess.start(env.env);
  env.workers.push(calibration);
  documentFindings = findingsLasting(SCAN_MS, await measureFindingsPerSecond(env, calibration));
  await calibration.kill('SIGTERM');
});
// A failed test must not leave its worker consuming the next test's scans.
afterEach(async () => {
  await Promise.all(env.workers.map((w) => w.kill('SIGKILL')));
});
afterAll(async () => env?.stop());

async function submitBatch(count: number, offset: number): Promise<{ scans: Scan[]; documents: string[] }> {
  const documents = Array.from({ length: count }, (_, i) => `batch ${offset + i}\n${heavyDocument(documentFindings + i)}`);
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
  const { scans, documents } = await submitBatch(10, 0);
  const first = await WorkerProcess.start(env.env);
  env.workers.push(first);
  // Kill the moment a scan is claimed after the first success: it has just started, so it is
  // certainly mid-scan, and some scans are already done.
  const inFlight = await waitFor(
    'a scan claimed after the first success',
    () => {
      const firstSuccess = first.lines.findIndex((l) => l.msg === 'scan succeeded');
      if (firstSuccess < 0) return undefined;
      return first.lines.slice(firstSuccess).find((l) => l.msg === 'scan claimed')?.scanId;
    },
    60_000,
    5,
  );
  await first.kill('SIGKILL');
  const atKill = await env.statuses(scans);
  const interrupted = new Set(atKill.filter((s) => s.status === 'running').map((s) => s.scanId));
  expect(interrupted.has(inFlight)).toBe(true);
  expect(atKill.some((s) => s.status === 'succeeded')).toBe(true);

  const second = await WorkerProcess.start(env.env);
  env.workers.push(second);
  const final = await expectAllSucceededOnce(scans, documents, [first, second]);

  // The interrupted scans were re-claimed once (attempt 2). A claim the killed worker had already sent may
  // land in DynamoDB after the statuses above were read, so a scan not seen running may also show attempt 2;
  // but a scan the first worker finished was never claimed again, and none was claimed a third time.
  const finishedByFirst = new Set(first.logs('scan succeeded').map((l) => l.scanId));
  for (const scan of final) {
    if (interrupted.has(scan.scanId)) expect(scan.attempts).toBe(2);
    else if (finishedByFirst.has(scan.scanId)) expect(scan.attempts).toBe(1);
    else expect([1, 2]).toContain(scan.attempts);
  }
  await second.kill('SIGTERM');
});

it('SIGTERM during work with no grace left: releases in-flight scans, exits 0, and a restart finishes all', async () => {
  const { scans, documents } = await submitBatch(8, 100);
  const worker = await WorkerProcess.start(env.env, { SHUTDOWN_GRACE_SECONDS: '0' });
  env.workers.push(worker);
  await waitFor('scans in flight', () => worker.logs('scan claimed').length >= 4, 30_000, 5);
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
  const { scans, documents } = await submitBatch(4, 200);
  const worker = await WorkerProcess.start(env.env, { SHUTDOWN_GRACE_SECONDS: '20', WORKER_CONCURRENCY: '2' });
  env.workers.push(worker);
  await waitFor('scans in flight', () => worker.logs('scan claimed').length >= 2, 30_000, 5);
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
