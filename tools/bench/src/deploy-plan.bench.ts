/**
 * Deploy planner wall time: `npm run --silent deploy:plan -- --base <rev> --json` (Nx graph,
 * affected per changed file, build hashes, stack order) next to a bare
 * `npx nx show projects --affected` over the same range, both as fresh processes without the Nx
 * daemon, median of several runs. The planner refuses dirty trees, so both run in a local clone
 * of this repository's HEAD (node_modules symlinked).
 *
 *   npx tsx tools/bench/src/deploy-plan.bench.ts
 *
 * Writes tools/bench/results/deploy-plan.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchResult } from './scanner-throughput.bench';

const NAME = 'deploy-plan';
const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const RESULTS_FILE = join(WORKSPACE_ROOT, 'tools/bench/results', `${NAME}.json`);
const RUNS = 5;
const RANGE_COMMITS = 10;

function timeMs(cwd: string, command: string, args: string[]): number {
  const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-plan-bench-'));
  const clone = join(dir, 'repo');
  try {
    execFileSync('git', ['clone', '-q', '--local', WORKSPACE_ROOT, clone]);
    symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(clone, 'node_modules'));
    appendFileSync(join(clone, '.git/info/exclude'), 'node_modules\n');
    const commits = Number(execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: clone, encoding: 'utf8' }));
    const base = `HEAD~${Math.min(RANGE_COMMITS, commits - 1)}`;
    const changedFiles = execFileSync('git', ['diff', '--name-only', base, 'HEAD'], { cwd: clone, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;

    const planArgs = ['run', '--silent', 'deploy:plan', '--', '--base', base, '--json'];
    const showArgs = ['nx', 'show', 'projects', '--affected', '--base', base, '--head', 'HEAD'];
    timeMs(clone, 'npm', planArgs); // first run fills Nx's workspace-data cache, as a CI step after install would
    timeMs(clone, 'npx', showArgs);
    const plan: number[] = [];
    const show: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      plan.push(timeMs(clone, 'npm', planArgs));
      show.push(timeMs(clone, 'npx', showArgs));
    }
    const output = JSON.parse(spawnSync('npm', planArgs, { cwd: clone, encoding: 'utf8' }).stdout);
    const result: BenchResult = {
      name: NAME,
      value: Math.round(median(plan)),
      unit: 'ms (median wall time, npm run deploy:plan --json, no daemon)',
      details: {
        range: `${base}..HEAD`,
        changedFiles,
        runs: RUNS,
        deployPlanMs: plan.map(Math.round),
        nxShowProjectsAffectedMs: show.map(Math.round),
        medianDeployPlanMs: Math.round(median(plan)),
        medianNxShowProjectsAffectedMs: Math.round(median(show)),
        images: output.images.length,
        stacksPerEnvironment: Object.fromEntries(
          output.environments.map((e: { name: string; stacks: unknown[] }) => [e.name, e.stacks.length]),
        ),
        node: process.version,
        // Wall times on a shared box move with its load; the planner/bare-Nx ratio moves less.
        cpus: cpus().length,
        loadAverage1m: Number(loadavg()[0].toFixed(2)),
        planToBareNxRatio: Number((median(plan) / median(show)).toFixed(2)),
        measuredAt: new Date().toISOString(),
      },
    };
    mkdirSync(join(WORKSPACE_ROOT, 'tools/bench/results'), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
