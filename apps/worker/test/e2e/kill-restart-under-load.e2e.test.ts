import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { scanDocument } from '@platform/scanner';
import type { Scan } from '@platform/shared';
import { TestEnvironment } from '../support/environment';
import { heavyDocument, leakyDocument } from '../support/documents';
import { findingsLasting, measureFindingsPerSecond } from '../support/long-document';
import { WorkerProcess } from '../support/worker-process';
import { sleep, waitFor } from '../support/wait';

jest.setTimeout(170_000);

// Hundreds of scans flow through two workers while a worker is killed -9 and restarted, again
// and again. At the end every accepted scan has succeeded or failed with a reason: none lost,
// none scanned into duplicates. Some scans are heavy (about a second of work on the machine running the test) so
// each kill lands in the middle of one; a few lack their document so some must fail.
const SCANS = 200;
const KILLS = 3;
const kindOf = (i: number): 'heavy' | 'missing' | 'light' => (i % 40 === 7 ? 'missing' : i % 15 === 0 ? 'heavy' : 'light');
let env: TestEnvironment;
beforeAll(async () => (env = await TestEnvironment.start('e2e-chaos')));
afterAll(async () => env?.stop());

async function messagesLeft(): Promise<number> {
  const { Attributes } = await env.clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: env.aws.env.SCAN_QUEUE_URL, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
}

it(`${SCANS} scans, ${KILLS} kill -9 and restarts: every scan succeeded or failed with a reason, exactly once`, async () => {
  const everStarted: WorkerProcess[] = [];
  const startWorker = async () => {
    const worker = await WorkerProcess.start(env.env);
    everStarted.push(worker);
    env.workers.push(worker);
    return worker;
  };
  const first = await startWorker();
  // Measured while this worker is alone, so it scans the samples itself.
  const heavyFindings = findingsLasting(1000, await measureFindingsPerSecond(env, first));
  const live = [first, await startWorker()];

  const documents = Array.from({ length: SCANS }, (_, i) => (kindOf(i) === 'heavy' ? `heavy ${i}\n${heavyDocument(heavyFindings)}` : leakyDocument(2000 + i)));
  const scans: Scan[] = [];
  const heavy = new Set<string>();
  // Scans keep arriving in small batches while the workers are being killed.
  const submitting = (async () => {
    for (let from = 0; from < SCANS; from += 25) {
      await Promise.all(
        documents.slice(from, from + 25).map(async (text, offset) => {
          const i = from + offset;
          scans[i] = await env.submit(text, { writeDocument: kindOf(i) !== 'missing' });
          if (kindOf(i) === 'heavy') heavy.add(scans[i].scanId);
        }),
      );
      await sleep(300);
    }
  })();

  const interrupted = new Set<string>();
  for (let kill = 0; kill < KILLS; kill++) {
    const marks = live.map((w) => w.lines.length);
    // Kill whichever worker claims a heavy scan next, the moment it does: certainly mid-scan.
    const [slot, scanId] = await waitFor(
      'a heavy scan to be claimed',
      () => {
        for (const [slot, worker] of live.entries()) {
          const claim = worker.lines.slice(marks[slot]).find((l) => l.msg === 'scan claimed' && heavy.has(String(l.scanId)));
          if (claim) return [slot, String(claim.scanId)] as const;
        }
        return undefined;
      },
      60_000,
      5,
    );
    await live[slot].kill('SIGKILL');
    const victim = await env.scans.get('tenant-e2e', scanId, true);
    expect(victim?.status).toBe('running');
    interrupted.add(scanId);
    live[slot] = await startWorker();
  }
  await submitting;

  const isDone = (s: Scan) => s.status === 'succeeded' || s.status === 'failed';
  await waitFor('every scan to finish', async () => (await env.statuses(scans)).every(isDone), 120_000, 500);
  const final = await env.statuses(scans);
  const successLogs = everStarted.flatMap((w) => w.logs('scan succeeded'));
  for (const [i, scan] of final.entries()) {
    if (kindOf(i) === 'missing') {
      expect(scan.status).toBe('failed');
      expect(scan.reason).toMatch(/^scan failed \d+ times?: (document is missing or incomplete|worker stopped while scanning)$/);
      continue;
    }
    expect({ scanId: scan.scanId, status: scan.status }).toEqual({ scanId: scan.scanId, status: 'succeeded' });
    const expected = scanDocument(documents[i], { framework: 'gdpr' }).map((f) => f.findingId).sort();
    const stored = (await env.findings.listAll(scan.scanId)).map((f) => f.findingId).sort();
    expect(stored).toEqual(expected); // every finding, none twice
    expect(scan.summary?.total).toBe(expected.length);
    // At most one process reports the success (a killed one may have succeeded without logging).
    expect(successLogs.filter((l) => l.scanId === scan.scanId).length).toBeLessThanOrEqual(1);
    expect(scan.attempts).toBeLessThanOrEqual(1 + KILLS);
  }
  for (const scanId of interrupted) expect(final.find((s) => s.scanId === scanId)?.attempts).toBeGreaterThanOrEqual(2);
  // Nothing is left behind: the queue drains (duplicates are deleted, the missing scans' messages reach the DLQ).
  await waitFor('the queue to drain', async () => (await messagesLeft()) === 0, 30_000, 500);
  await Promise.all(live.map((w) => w.kill('SIGTERM')));
});
