/**
 * CDKTF synth of every stack of every environment (3 environments x the catalog's stacks) in one
 * process, the way `cdktf synth` runs the app. "Once compiled": our TypeScript (infra/main
 * wiring, stacks, modules, config, shared definitions) is bundled to one CommonJS file with
 * esbuild; node_modules (cdktf, constructs, the provider's per-resource submodules) load as
 * shipped. Each run is a fresh `node` process: wall time is spawn to exit (node start, module
 * loading, construct tree, synth, JSON written), peak memory is the child's maxRSS. For
 * comparison it also times the uncompiled path (`tsx infra/main.ts`, what cdktf.json runs).
 *
 *   npx tsx tools/bench/src/synth.bench.ts
 *
 * Writes tools/bench/results/synth.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  details: Record<string, unknown>;
}

const NAME = 'synth';
const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const RESULTS_FILE = join(WORKSPACE_ROOT, 'tools/bench/results', `${NAME}.json`);
// Inside the workspace (git-ignored tmp/) so the bundle's require('cdktf') finds node_modules.
const WORK_DIR = join(WORKSPACE_ROOT, 'tmp', 'synth-bench');
const RUNS = 5;
const TARGET_WALL_MS = 2000;
const TARGET_RSS_MIB = 250;

// What infra/main.ts does for every stack of every environment, with the catalog of the workspace it runs in (cwd).
const ENTRY = `
import { App } from 'cdktf';
import { ENVIRONMENT_NAMES, loadEnvironments } from '@platform/infra-config';
import { loadCatalog } from '@platform/service-catalog';
import { buildPlatform } from './platform';
const started = process.hrtime.bigint();
const catalog = loadCatalog({ workspaceRoot: process.cwd(), environmentNames: ENVIRONMENT_NAMES });
const app = new App({ outdir: process.argv[2] });
buildPlatform(app, { environments: loadEnvironments({}), catalog });
app.synth();
const synthMs = Number(process.hrtime.bigint() - started) / 1e6;
console.log(JSON.stringify({ synthMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
`;

export interface ChildReport {
  synthMs: number;
  maxRssMiB: number;
}

function runChild(command: string, args: string[], outdir: string, env: NodeJS.ProcessEnv = {}, cwd = WORKSPACE_ROOT): { wallMs: number; stdout: string } {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env } });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return { wallMs, stdout: result.stdout };
}

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number): number => Math.round(value * 10) / 10;

/** Bundles the synth entry of `workspaceRoot`'s infra (our TypeScript only; node_modules stay external). */
export async function compileSynth(workspaceRoot: string, bundle: string): Promise<void> {
  await build({
    stdin: { contents: ENTRY, resolveDir: join(workspaceRoot, 'infra'), loader: 'ts', sourcefile: 'synth-entry.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    packages: 'external',
    tsconfig: join(workspaceRoot, 'infra/tsconfig.json'),
    outfile: bundle,
    logLevel: 'error',
  });
}

/** Runs the compiled synth `runs` times (after one warm-up), each a fresh node process: wall time and the child's report. */
export function timeCompiledSynth(cwd: string, bundle: string, outdir: string, runs: number): (ChildReport & { wallMs: number })[] {
  runChild(process.execPath, [bundle, outdir], outdir, {}, cwd); // warm the file system cache
  const reports: (ChildReport & { wallMs: number })[] = [];
  for (let i = 0; i < runs; i++) {
    const { wallMs, stdout } = runChild(process.execPath, [bundle, outdir], outdir, {}, cwd);
    reports.push({ wallMs, ...(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildReport) });
  }
  return reports;
}

export async function run(): Promise<BenchResult> {
  mkdirSync(WORK_DIR, { recursive: true });
  const bundle = join(WORK_DIR, 'synth-entry.js');
  const outdir = join(WORK_DIR, 'cdktf.out');
  await compileSynth(WORKSPACE_ROOT, bundle);
  const compiled = timeCompiledSynth(WORKSPACE_ROOT, bundle, outdir, RUNS);
  const stacks = readdirSync(join(outdir, 'stacks')).length;

  const tsxOut = join(WORK_DIR, 'cdktf.out.tsx');
  const tsx = runChild('npx', ['tsx', '--tsconfig', 'infra/tsconfig.json', 'infra/main.ts'], tsxOut, { CDKTF_OUTDIR: tsxOut });
  rmSync(WORK_DIR, { recursive: true, force: true });

  const wall = median(compiled.map((r) => r.wallMs));
  const rss = Math.max(...compiled.map((r) => r.maxRssMiB));
  const result: BenchResult = {
    name: NAME,
    value: round(wall),
    unit: 'ms',
    details: {
      what: 'fresh node process synthesizing every stack of every environment from an esbuild bundle of our TypeScript',
      stacks,
      runs: RUNS,
      medianWallMs: round(wall),
      wallMsRuns: compiled.map((r) => round(r.wallMs)),
      medianInProcessSynthMs: round(median(compiled.map((r) => r.synthMs))),
      peakRssMiB: round(rss),
      targetWallMs: TARGET_WALL_MS,
      targetRssMiB: TARGET_RSS_MIB,
      meetsTargets: wall < TARGET_WALL_MS && rss < TARGET_RSS_MIB,
      uncompiledTsxWallMs: round(tsx.wallMs),
      node: process.version,
      measuredAt: new Date().toISOString(),
    },
  };
  mkdirSync(join(WORKSPACE_ROOT, 'tools/bench/results'), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (require.main === module) {
  run()
    .then((result) => console.log(JSON.stringify(result, null, 2)))
    .catch((error: unknown) => {
      console.error(`${NAME} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
