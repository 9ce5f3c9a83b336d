/**
 * `npm run bench`: runs every benchmark, one at a time, each in its own process group with a time
 * limit (each writes tools/bench/results/<name>.json), then regenerates docs/benchmarks.md and
 * docs/benchmarks/*.svg from all the JSON files. A failed benchmark keeps its previous JSON (the
 * report shows when each was measured) and makes the exit code 1.
 *
 *   npm run bench                       # everything
 *   npm run bench -- --only startup     # some benchmarks, then the report
 *   npm run bench -- --report-only      # only regenerate the report
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { generateReport } from './report/generate';
import { WORKSPACE_ROOT } from './support/bench-result';
import { runningLine } from './support/progress';
import { UsageError, parseRunAllOptions, type BenchmarkName } from './run-all-options';

const TIME_LIMIT_MS = 180_000;
/** Benchmarks that need longer: catalog-scale generates ten services and plans them. */
const TIME_LIMIT_MS_OF: Partial<Record<BenchmarkName, number>> = { 'catalog-scale': 600_000 };
/** How often run-all says a benchmark is still running. */
const PROGRESS_EVERY_MS = 20_000;

/** Each benchmark runs in its own process group (so a timeout can stop the emulators it started too); Ctrl-C must reach it. */
let currentGroup: number | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (currentGroup !== undefined) {
      try {
        process.kill(-currentGroup, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.exit(130);
  });
}

/** Runs one benchmark file under tsx with the workspace path aliases; kills its whole process group on timeout. */
function runBenchmark(name: BenchmarkName, position: number, total: number): Promise<{ ok: boolean; seconds: number }> {
  const started = Date.now();
  const limitMs = TIME_LIMIT_MS_OF[name] ?? TIME_LIMIT_MS;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, `${name}.bench.ts`)], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(WORKSPACE_ROOT, 'tools/bench/tsconfig.json') },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    currentGroup = child.pid;
    const timer = setTimeout(() => {
      process.stderr.write(`bench: ${name} exceeded ${limitMs / 1000} s; killing it\n`);
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, limitMs);
    const ticker = setInterval(() => process.stdout.write(`${runningLine(name, position, total, (Date.now() - started) / 1000, limitMs / 1000)}\n`), PROGRESS_EVERY_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      clearInterval(ticker);
      currentGroup = undefined;
      resolve({ ok: code === 0, seconds: Math.round((Date.now() - started) / 100) / 10 });
    });
  });
}

async function main(): Promise<number> {
  const options = parseRunAllOptions(process.argv.slice(2));
  const failed: string[] = [];
  if (!options.reportOnly) {
    for (const [index, name] of options.benchmarks.entries()) {
      const position = `[${index + 1}/${options.benchmarks.length}]`;
      process.stdout.write(`bench: ${position} ${name} ...\n`);
      const { ok, seconds } = await runBenchmark(name, index + 1, options.benchmarks.length);
      process.stdout.write(`bench: ${position} ${name} ${ok ? 'done' : 'FAILED'} in ${seconds} s\n`);
      if (!ok) failed.push(name);
    }
  }
  const written = generateReport();
  process.stdout.write(`bench: wrote ${written.map((f) => f.slice(WORKSPACE_ROOT.length + 1)).join(', ')}\n`);
  if (failed.length > 0) process.stderr.write(`bench: failed: ${failed.join(', ')}\n`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof UsageError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
