/**
 * Start-up: wall time from spawning `node dist/apps/<app>/main.js` (the production bundle, as the
 * container runs it) to its /healthz answering 200, for the API and the worker, against the
 * embedded DynamoDB/SQS. Several fresh processes each; median and worst reported.
 *
 *   npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/src/startup.bench.ts
 *
 * Writes tools/bench/results/startup.json.
 */
import { machineLoad, runMain, writeResult, type BenchResult } from './support/bench-result';
import { buildBundles, startApi, startBackend, startWorker, type Backend, type RunningApp } from './support/services';
import { median, round } from './support/stats';

const NAME = 'startup';
const RUNS = 7;
const TARGET_MS = 500;

async function timeStarts(start: (backend: Backend) => Promise<RunningApp>, backend: Backend): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const app = await start(backend);
    times.push(round(app.startupMs));
    await app.process.stop();
  }
  return times;
}

export async function run(): Promise<BenchResult> {
  buildBundles();
  const backend = await startBackend(`bench-startup-${process.pid}`);
  try {
    await (await startApi(backend)).process.stop(); // warm the file system cache for both bundles
    await (await startWorker(backend)).process.stop();
    const api = await timeStarts(startApi, backend);
    const worker = await timeStarts(startWorker, backend);
    const summary = (times: number[]) => ({ medianMs: round(median(times)), maxMs: Math.max(...times), runsMs: times, meetsTarget: median(times) < TARGET_MS });
    const result: BenchResult = {
      name: NAME,
      value: round(Math.max(median(api), median(worker))),
      unit: 'ms, process spawn to /healthz 200 (slower of the two medians)',
      details: {
        targetMs: TARGET_MS,
        runs: RUNS,
        api: summary(api),
        worker: summary(worker),
        measured: 'node dist/apps/<app>/main.js spawned from the bench, /healthz polled every 5 ms on loopback',
        node: process.version,
        ...machineLoad(),
        measuredAt: new Date().toISOString(),
      },
    };
    return writeResult(result);
  } finally {
    await backend.stop();
  }
}

if (require.main === module) runMain(NAME, run);
