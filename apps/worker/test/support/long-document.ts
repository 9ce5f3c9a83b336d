import type { TestEnvironment } from './environment';
import { heavyDocument } from './documents';
import type { WorkerProcess } from './worker-process';
import { waitFor } from './wait';

const SAMPLE_FINDINGS = 4000;
const SAMPLES = 2;
const MIN_FINDINGS = 2000;
// The scan itself is synchronous (no heartbeat while it runs): keep it well below a visibility timeout.
const MAX_FINDINGS = 150_000;

/**
 * Findings per second the running worker scans and writes, from its own `durationMs` on sample
 * scans. Tests that need a scan to outlast something (a kill, a visibility timeout) size their
 * documents from it, so the scan is long on a fast machine as on a slow one. The best of a few
 * samples: a busy moment during the measurement must not make the documents too short.
 */
export async function measureFindingsPerSecond(env: TestEnvironment, worker: WorkerProcess): Promise<number> {
  let best = 0;
  for (let sample = 0; sample < SAMPLES; sample++) {
    const scan = await env.submit(`calibration ${sample}\n${heavyDocument(SAMPLE_FINDINGS)}`);
    const done = await waitFor('a calibration scan', () => worker.logs('scan succeeded').find((l) => l.scanId === scan.scanId), 30_000, 20);
    best = Math.max(best, SAMPLE_FINDINGS / (Math.max(Number(done.durationMs), 1) / 1000));
  }
  return best;
}

/** How many findings a heavy document needs so the worker spends about `ms` on it at `findingsPerSecond`. */
export function findingsLasting(ms: number, findingsPerSecond: number): number {
  return Math.min(MAX_FINDINGS, Math.max(MIN_FINDINGS, Math.round((findingsPerSecond * ms) / 1000)));
}
