import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

/** The JSON shape every benchmark writes to tools/bench/results/<name>.json. */
export interface BenchResult {
  name: string;
  /** Headline number, for summaries. */
  value: number;
  unit: string;
  details: Record<string, unknown>;
}

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const RESULTS_DIR = join(WORKSPACE_ROOT, 'tools/bench/results');

/** How busy the shared machine was: recorded with every result so a noisy run is visible as such. */
export function machineLoad(): { cpus: number; loadAverage1m: number } {
  return { cpus: cpus().length, loadAverage1m: Math.round(loadavg()[0] * 100) / 100 };
}

export function writeResult(result: BenchResult): BenchResult {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${result.name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** Runs a benchmark's `run()` when its file is the entry point: prints the result, exit 1 on failure. */
export function runMain(name: string, run: () => Promise<BenchResult>): void {
  run().then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
