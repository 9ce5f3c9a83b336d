/**
 * Pipeline throughput: scans submitted over HTTP to the API bundle, queued in the embedded SQS,
 * processed by 1 and then 2 worker processes (bundles, production settings), findings written to
 * the embedded DynamoDB. Reports scans/s from the first submission to the last `succeeded`, and
 * submit -> succeeded latency (the scan's own createdAt -> finishedAt) p50/p99.
 *
 *   npx tsx --tsconfig tools/bench/tsconfig.json tools/bench/src/pipeline.bench.ts
 *
 * Writes tools/bench/results/pipeline.json.
 */
import { generateCorpus } from './scanner-throughput.bench';
import { machineLoad, runMain, writeResult, type BenchResult } from './support/bench-result';
import { buildBundles, startApi, startBackend, startWorker, type RunningApp } from './support/services';
import { processCpuMs } from './support/process-cpu';
import { percentile, round } from './support/stats';

const NAME = 'pipeline';
const SCANS_PER_RUN = 150;
const SUBMIT_CONCURRENCY = 8;
const DOCUMENT_BYTES = 8 * 1024;
const RUN_TIMEOUT_MS = 45_000;
const POLL_INTERVAL_MS = 100;
const WORKER_COUNTS = [1, 2];

interface ScanState {
  id: string;
  status: string;
  createdAt: string;
  finishedAt?: string;
  durationMs?: number;
  reason?: string;
  summary?: { total: number };
}

export interface PipelineRun {
  workers: number;
  scans: number;
  succeeded: number;
  failed: number;
  scansPerSecond: number;
  submitSeconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The worker's own time per scan (startedAt -> finishedAt): claim, load, scan, write. */
  processingP50Ms: number;
  processingP99Ms: number;
  findings: number;
  apiCpuMsPerScan?: number;
  /** All worker processes together. */
  workerCpuMsPerScan?: number;
}

async function submitAll(baseUrl: string, authorization: string, documents: string[]): Promise<string[]> {
  const ids: string[] = new Array(documents.length);
  let next = 0;
  const submitter = async () => {
    while (next < documents.length) {
      const index = next++;
      const response = await fetch(`${baseUrl}/v1/scans`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ content: documents[index] }),
      });
      if (response.status !== 202) throw new Error(`POST /v1/scans answered ${response.status}: ${await response.text()}`);
      ids[index] = ((await response.json()) as { id: string }).id;
    }
  };
  await Promise.all(Array.from({ length: SUBMIT_CONCURRENCY }, submitter));
  return ids;
}

const isFinished = (state: ScanState) => state.status === 'succeeded' || state.status === 'failed';

async function getScan(baseUrl: string, authorization: string, id: string): Promise<ScanState> {
  const response = await fetch(`${baseUrl}/v1/scans/${id}`, { headers: { authorization } });
  if (response.status !== 200) throw new Error(`GET /v1/scans/${id} answered ${response.status}`);
  return (await response.json()) as ScanState;
}

/**
 * Waits until every scan is `succeeded` or `failed`, then reads them all once. It watches one
 * scan at a time, in submission order, so the bench adds a few requests per second, not a poll
 * per pending scan: latencies come from the scans' own timestamps, not from when we looked.
 */
async function awaitFinished(baseUrl: string, authorization: string, ids: string[]): Promise<ScanState[]> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let next = 0;
  while (next < ids.length) {
    const state = await getScan(baseUrl, authorization, ids[next]);
    if (isFinished(state)) {
      next++;
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`${ids.length - next} of ${ids.length} scans not finished after ${RUN_TIMEOUT_MS} ms, e.g. ${JSON.stringify(state)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  const states: ScanState[] = [];
  for (let i = 0; i < ids.length; i += SUBMIT_CONCURRENCY) {
    states.push(...(await Promise.all(ids.slice(i, i + SUBMIT_CONCURRENCY).map((id) => getScan(baseUrl, authorization, id)))));
  }
  return states;
}

export function summarizeRun(workers: number, states: ScanState[], submitSeconds: number): PipelineRun {
  const created = states.map((s) => Date.parse(s.createdAt));
  const finished = states.map((s) => Date.parse(s.finishedAt ?? s.createdAt));
  const latencies = states.map((_, i) => finished[i] - created[i]);
  const elapsedSeconds = Math.max(0.001, (Math.max(...finished) - Math.min(...created)) / 1000);
  return {
    workers,
    scans: states.length,
    succeeded: states.filter((s) => s.status === 'succeeded').length,
    failed: states.filter((s) => s.status === 'failed').length,
    scansPerSecond: round(states.length / elapsedSeconds),
    submitSeconds: round(submitSeconds, 2),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
    processingP50Ms: percentile(states.map((s) => s.durationMs ?? 0), 50),
    processingP99Ms: percentile(states.map((s) => s.durationMs ?? 0), 99),
    findings: states.reduce((sum, s) => sum + (s.summary?.total ?? 0), 0),
  };
}

/**
 * One measured run on its own emulators and API: a worker stopped mid long-poll leaves that
 * ReceiveMessage open in the emulator, which then hands the next message to the dead poll, where
 * it waits out its visibility timeout. A fresh queue per run keeps that out of the numbers.
 */
async function measure(workerCount: number, runIndex: number): Promise<PipelineRun> {
  const backend = await startBackend(`bench-pipeline-${process.pid}-${workerCount}`);
  const running: RunningApp[] = [];
  try {
    const api = await startApi(backend, { RATE_LIMIT_PER_MINUTE: '1000000' });
    running.push(api);
    running.push(...(await Promise.all(Array.from({ length: workerCount }, () => startWorker(backend)))));
    const authorization = `Bearer ${backend.apiKey}`;
    const documents = Array.from({ length: SCANS_PER_RUN }, (_, i) => generateCorpus(DOCUMENT_BYTES, 1000 * (runIndex + 1) + i).text);
    const cpu = () => running.map((app) => processCpuMs(app.process.child.pid) ?? Number.NaN);
    const cpuBefore = cpu();
    const started = process.hrtime.bigint();
    const ids = await submitAll(api.baseUrl, authorization, documents);
    const submitSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const summary = summarizeRun(workerCount, await awaitFinished(api.baseUrl, authorization, ids), submitSeconds);
    // CPU per scan is steadier than scans/s on a shared machine (the API's includes answering the bench's GETs).
    const used = cpu().map((after, i) => after - cpuBefore[i]);
    const perScan = (ms: number) => (Number.isFinite(ms) ? round(ms / ids.length, 2) : undefined);
    return { ...summary, apiCpuMsPerScan: perScan(used[0]), workerCpuMsPerScan: perScan(used.slice(1).reduce((a, b) => a + b, 0)) };
  } finally {
    await Promise.all(running.map((app) => app.process.stop()));
    await backend.stop();
  }
}

export async function run(): Promise<BenchResult> {
  buildBundles();
  const runs: PipelineRun[] = [];
  for (const [runIndex, workerCount] of WORKER_COUNTS.entries()) runs.push(await measure(workerCount, runIndex));
  const [one, two] = runs;
  const result: BenchResult = {
    name: NAME,
    value: two.scansPerSecond,
    unit: 'scans/s with 2 workers (submit -> succeeded, end to end)',
    details: {
      scansPerRun: SCANS_PER_RUN,
      documentBytes: DOCUMENT_BYTES,
      submitConcurrency: SUBMIT_CONCURRENCY,
      workerConcurrency: 'default (WORKER_CONCURRENCY=4 per process)',
      runs,
      twoToOneWorkerRatio: round(two.scansPerSecond / one.scansPerSecond, 2),
      latencyFrom: "the scan's createdAt (API accepted) to finishedAt (worker wrote succeeded), server clocks",
      setup: 'API and worker bundles on dynalite + fauxqs (fresh per run), all processes on one 2-core machine',
      node: process.version,
      ...machineLoad(),
      measuredAt: new Date().toISOString(),
    },
  };
  return writeResult(result);
}

if (require.main === module) runMain(NAME, run);
