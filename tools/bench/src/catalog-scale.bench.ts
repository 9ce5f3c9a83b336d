/**
 * The platform with many services, in a scratch copy of this workspace (workspaceCopy):
 * 1. generator to green: `nx g @platform/plugin:service` for one web service, then `npm run synth`
 *    of its stack and `npm run policy:check`, wall time from the generator's start (target < 60 s);
 * 2. nine more generated services (web, backend, worker, scheduled in turn: 10 in all) committed;
 *    the compiled synth of every stack of the 3 environments, fresh processes, median wall time and
 *    peak RSS (targets <= 2 s, <= 300 MiB);
 * 3. `npm run deploy:plan` over the commit that added the ten services next to a bare
 *    `nx show projects --affected` over the same commits, median of several runs, in the same loop
 *    (target ratio <= 1.2).
 *
 *   npx tsx tools/bench/src/catalog-scale.bench.ts
 *
 * Writes tools/bench/results/catalog-scale.json.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceCopy } from '@platform/cli-support';
import { machineLoad, runMain, writeResult, WORKSPACE_ROOT, type BenchResult } from './support/bench-result';
import { compileSynth, median, timeCompiledSynth } from './synth.bench';
import { progress } from './support/progress';

const NAME = 'catalog-scale';
const SERVICES = 10;
const KINDS = ['web', 'backend', 'worker', 'scheduled'] as const;
const SYNTH_RUNS = 3;
const PLAN_RUNS = 5;
const TARGETS = { generatorToGreenMs: 60_000, synthWallMs: 2000, synthRssMiB: 300, planToBareNxRatio: 1.2 };
const ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', CHECKPOINT_DISABLE: '1' };

function timed(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env: { ...ENV, ...env }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${(result.stdout + result.stderr).slice(-3000)}`);
  return ms;
}

function generate(work: string, index: number): { name: string; kind: string; ms: number } {
  const kind = KINDS[index % KINDS.length];
  const name = `scale-${String(index + 1).padStart(2, '0')}`;
  const extra = kind === 'scheduled' ? ['--schedule=rate(1 hour)'] : kind === 'worker' ? ['--queue=scan-requests-dlq'] : [];
  const ms = timed(work, 'npx', ['nx', 'g', '@platform/plugin:service', name, `--kind=${kind}`, ...extra, '--no-interactive']);
  return { name, kind, ms };
}

export async function run(): Promise<BenchResult> {
  // Inside the workspace (git-ignored tmp/), so bundles resolve node_modules the way the workspace does.
  const dir = join(WORKSPACE_ROOT, 'tmp', 'catalog-scale-bench');
  rmSync(dir, { recursive: true, force: true });
  const work = join(dir, 'workspace');
  mkdirSync(work, { recursive: true });
  try {
    progress(NAME, `copying the workspace to ${work}`);
    const base = workspaceCopy(WORKSPACE_ROOT, work);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: work, encoding: 'utf8' }).trim();

    // 1. one service, generator to a green synth + policy check
    progress(NAME, 'nx g one web service, synth of its stack, policy check');
    const started = process.hrtime.bigint();
    const first = generate(work, 0);
    const synthMs = timed(work, 'npm', ['run', '--silent', 'synth'], { ENVIRONMENTS: 'dev', STACKS: `svc-${first.name}` });
    const policyMs = timed(work, 'npm', ['run', '--silent', 'policy:check']);
    const generatorToGreenMs = Number(process.hrtime.bigint() - started) / 1e6;

    // 2. ten services, compiled synth of every stack of every environment
    const generated = [first];
    for (let i = 1; i < SERVICES; i++) {
      progress(NAME, `generating service ${i + 1} of ${SERVICES}`);
      generated.push(generate(work, i));
    }
    git('add', '-A');
    git('commit', '--quiet', '--no-verify', '-m', `${SERVICES} generated services`);
    const head = git('rev-parse', 'HEAD');
    const bundle = join(dir, 'synth-entry.js');
    const outdir = join(dir, 'cdktf.out');
    progress(NAME, `compiled synth of every stack, ${SYNTH_RUNS} runs`);
    await compileSynth(work, bundle);
    const synth = timeCompiledSynth(work, bundle, outdir, SYNTH_RUNS);
    const stacks = readdirSync(join(outdir, 'stacks')).length;
    const synthWallMs = median(synth.map((r) => r.wallMs));
    const synthRssMiB = Math.max(...synth.map((r) => r.maxRssMiB));

    // 3. the planner next to bare Nx, same commits, same loop
    const planArgs = ['run', '--silent', 'deploy:plan', '--', '--base', base, '--head', head, '--json'];
    const showArgs = ['nx', 'show', 'projects', '--affected', '--base', base, '--head', head];
    progress(NAME, `deploy:plan and bare nx show projects --affected, ${PLAN_RUNS} runs each`);
    timed(work, 'npm', planArgs); // fills Nx's workspace-data cache, as a CI step after install would
    timed(work, 'npx', showArgs);
    const plan: number[] = [];
    const show: number[] = [];
    for (let i = 0; i < PLAN_RUNS; i++) {
      plan.push(timed(work, 'npm', planArgs));
      show.push(timed(work, 'npx', showArgs));
    }
    const ratio = median(plan) / median(show);

    const round = (value: number) => Math.round(value);
    const result: BenchResult = {
      name: NAME,
      value: round(generatorToGreenMs),
      unit: 'ms (nx g to a green synth + policy check of the new service)',
      details: {
        generatorToGreenMs: round(generatorToGreenMs),
        generatorMs: round(first.ms),
        synthOfNewStackMs: round(synthMs),
        policyCheckMs: round(policyMs),
        services: generated.map((g) => `${g.name} (${g.kind})`),
        generatorMsEach: generated.map((g) => round(g.ms)),
        stacks,
        synthRuns: synth.map((r) => round(r.wallMs)),
        synthWallMs: round(synthWallMs),
        synthRssMiB: round(synthRssMiB),
        deployPlanMs: plan.map(round),
        nxShowProjectsAffectedMs: show.map(round),
        planToBareNxRatio: Number(ratio.toFixed(2)),
        targets: TARGETS,
        meetsTargets: {
          generatorToGreen: generatorToGreenMs < TARGETS.generatorToGreenMs,
          synthWall: synthWallMs <= TARGETS.synthWallMs,
          synthRss: synthRssMiB <= TARGETS.synthRssMiB,
          planRatio: ratio <= TARGETS.planToBareNxRatio,
        },
        node: process.version,
        ...machineLoad(),
        measuredAt: new Date().toISOString(),
      },
    };
    writeResult(result);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runMain(NAME, run);
