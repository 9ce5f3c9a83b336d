/**
 * Runs the deploy scripts of .github/scripts the way deploy-environment.yml chains its jobs
 * (pre-flight, then per layer: plan job -> review -> apply job), against a synthesized-looking
 * cdktf.out and recording stand-ins for terraform, aws, gh and docker (test/stand-ins).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SERVICE_STACK_PREFIX, stackDependencies, stackNames } from '@platform/infra-config';
import { REPO_ROOT } from '../src';

export const SCRIPTS = path.join(REPO_ROOT, '.github/scripts');
const STAND_INS = path.join(__dirname, 'stand-ins');
export const PLAN_KEY = 'test-only plan key';

/**
 * tools/plan-summary bundled once (esbuild) and run with node: the same code as its npm script,
 * without a TypeScript compile per layer.
 */
function bundlePlanSummary(): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'plan-summary-')), 'plan-summary.js');
  const r = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/esbuild'), ['tools/plan-summary/src/bin.ts', '--bundle', '--platform=node', `--outfile=${out}`, '--log-level=warning'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`esbuild of plan-summary failed: ${r.stderr}`);
  return out;
}
let planSummary: string | undefined;

export interface StackFixture {
  readonly name: string;
  /** Output names; `name=value` gives the output a literal value (`<stack>:<name>` otherwise). */
  readonly outputs?: readonly string[];
  /** The task definition's image, `<stack>.<output>:<tag>` (an upstream repository URL output). */
  readonly image?: string;
  /** `<stack>.<output>` this stack reads from another stack's state. */
  readonly reads?: readonly string[];
  readonly resources?: readonly string[];
  /** SSM parameter ARNs of the task definition's secrets. */
  readonly secrets?: readonly string[];
  /** ECR repositories the stack creates (aws_ecr_repository names). */
  readonly repositories?: readonly string[];
}

export interface World {
  readonly dir: string;
  readonly out: string;
}

export function newWorld(account: object = {}): World {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-world-'));
  const out = path.join(dir, 'cdktf.out');
  mkdirSync(path.join(out, 'stacks'), { recursive: true });
  writeFileSync(path.join(dir, 'account.json'), JSON.stringify(account));
  writeFileSync(path.join(dir, 'calls.jsonl'), '');
  return { dir, out };
}

/** Writes the stacks of `env` the way `cdktf synth` lays them out (manifest + cdk.tf.json). */
export function synthesize(world: World, env: string, stacks: readonly StackFixture[]): void {
  const manifestFile = path.join(world.out, 'manifest.json');
  const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : { version: '0.21.0', stacks: {} };
  for (const s of stacks) {
    const id = `${env}-${s.name}`;
    const upstream = [...new Set([...(s.reads ?? []), ...(s.image ? [s.image] : [])].map((r) => r.split('.')[0]))];
    const remote = Object.fromEntries(upstream.map((u) => [`ref-${u}`, { backend: 's3', config: { key: `${env}/${u}.tfstate` } }]));
    const locals = Object.fromEntries((s.reads ?? []).map((r) => [r.replace('.', '_'), `\${data.terraform_remote_state.ref-${r.split('.')[0]}.outputs.${r.split('.')[1]}}`]));
    const resource: Record<string, Record<string, object>> = {};
    for (const r of s.resources ?? [`aws_ssm_parameter.${s.name.replace(/-/g, '_')}`]) {
      const [type, name] = r.split('.');
      resource[type] = { ...(resource[type] ?? {}), [name]: {} };
    }
    if (s.repositories) resource.aws_ecr_repository = Object.fromEntries(s.repositories.map((name) => [name.split('/').pop()!, { name }]));
    if (s.secrets) {
      const [from, tag] = (s.image ?? 'registry.repo:nx-1').split(':');
      const image = `\${data.terraform_remote_state.ref-${from.split('.')[0]}.outputs.${from.split('.')[1]}}:${tag}`;
      const containers = [{ name: s.name, image, secrets: s.secrets.map((valueFrom, i) => ({ name: `S${i}`, valueFrom })) }];
      resource.aws_ecs_task_definition = { task: { container_definitions: JSON.stringify(containers) } };
    }
    const json = {
      terraform: { backend: { s3: { key: `${env}/${s.name}.tfstate` } } },
      data: upstream.length ? { terraform_remote_state: remote } : undefined,
      locals,
      resource,
      output: Object.fromEntries((s.outputs ?? []).map((o) => [o.split('=')[0], { value: o.split('=')[1] ?? `\${${o}}` }])),
    };
    mkdirSync(path.join(world.out, 'stacks', id), { recursive: true });
    writeFileSync(path.join(world.out, 'stacks', id, 'cdk.tf.json'), JSON.stringify(json, null, 1));
    manifest.stacks[id] = { name: id, workingDirectory: `stacks/${id}`, synthesizedStackPath: `stacks/${id}/cdk.tf.json` };
  }
  writeFileSync(manifestFile, JSON.stringify(manifest));
}

/**
 * The layers deploy:plan gives these stacks (StackPlan.layer): a stack's layer is one more than
 * the deepest planned stack it reads from, by infra/config's stack list (stack-names.ts: what each
 * stack reads, and every stack's backend in the state stack's bucket); destroys come first, alone
 * in layer 0, and shift the others by one.
 */
export function layersOf(apply: readonly string[], destroy: readonly string[] = []): string[][] {
  const reads = (stack: string): readonly string[] => (stack === 'state' ? [] : ['state', ...stackDependencies(stack)]);
  const rank = new Map<string, number>();
  const offset = destroy.length > 0 ? 1 : 0;
  const layerOf = (stack: string): number => {
    const known = rank.get(stack);
    if (known !== undefined) return known;
    const deps = reads(stack).filter((d) => apply.includes(d));
    const layer = deps.length === 0 ? offset : Math.max(...deps.map(layerOf)) + 1;
    rank.set(stack, layer);
    return layer;
  };
  const layers: string[][] = destroy.length > 0 ? [destroy.map((d) => `${d}:destroy`)] : [];
  const order = stackNames(apply.filter((s) => s.startsWith(SERVICE_STACK_PREFIX)).map((s) => s.slice(SERVICE_STACK_PREFIX.length)));
  for (const stack of order.filter((s) => apply.includes(s))) (layers[layerOf(stack)] ??= []).push(stack);
  return layers;
}

/** deploy:plan's JSON for one environment: layers of `stack` or `stack:destroy`. */
export function deployPlan(world: World, env: string, layers: ReadonlyArray<readonly string[]>, images: readonly object[] = [], base?: string): string {
  const stacks = layers.flatMap((names, layer) =>
    names.map((n) => ({ name: n.split(':')[0], reasons: ['test'], action: n.endsWith(':destroy') ? 'destroy' : 'apply', layer })),
  );
  const file = path.join(world.dir, `deploy-plan-${Date.now()}-${Math.random()}.json`);
  writeFileSync(file, JSON.stringify({ images, ...(base ? { base } : {}), environments: [{ name: env, stacks }] }));
  return file;
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
}

export function run(world: World, script: string, args: readonly string[], env: Record<string, string> = {}): Run {
  const outputFile = path.join(world.dir, `github-output-${Math.random()}`);
  writeFileSync(outputFile, '');
  const r = spawnSync(path.join(SCRIPTS, script), args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      PATH: `${STAND_INS}:${process.env.PATH}`,
      STANDIN_WORLD: world.dir,
      CDKTF_OUT: world.out,
      PLAN_ENCRYPTION_KEY: PLAN_KEY,
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: path.join(world.dir, 'step-summary.md'),
      PLAN_SUMMARY: `node ${(planSummary ??= bundlePlanSummary())}`,
      ...env,
    },
  });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

export interface Deployment {
  readonly ok: boolean;
  /** `prepare`, `preflight`, `plan <n>` or `apply <n>`: the job that failed. */
  readonly failed?: string;
  readonly runs: Run[];
}

/**
 * deploy-environment.yml's job graph: the removed services' stacks from the base's synth
 * (BASE_CDKTF_OUT in `extra`) and pre-flight, then for each layer the plan job (its
 * `review` output is what the approver saw) and, once approved, the apply job, which gets that
 * review; a failed job skips every later one (`needs`).
 */
export function deployEnvironment(world: World, env: string, planFile: string, extra: Record<string, string> = {}): Deployment {
  const runs: Run[] = [];
  const removed = run(world, 'synth-removed-stacks.sh', [env, planFile], extra);
  runs.push(removed);
  if (removed.status !== 0) return { ok: false, failed: 'prepare', runs };
  const preflight = run(world, 'preflight.sh', [env, planFile], extra);
  runs.push(preflight);
  if (preflight.status !== 0) return { ok: false, failed: 'preflight', runs };
  const count = Number(run(world, 'layer-stacks.sh', [planFile, env, 'count']).stdout.trim());
  for (let layer = 0; layer < count; layer += 1) {
    const plans = path.join(world.dir, `plans-${env}-${layer}`);
    const planned = run(world, 'plan-layer.sh', [env, String(layer), planFile, plans], extra);
    runs.push(planned);
    if (planned.status !== 0) return { ok: false, failed: `plan ${layer}`, runs };
    const applied = run(world, 'apply-layer.sh', [env, plans], { ...extra, REVIEW: planned.outputs.review });
    runs.push(applied);
    if (applied.status !== 0) return { ok: false, failed: `apply ${layer}`, runs };
  }
  return { ok: true, runs };
}

/** The recorded calls, as short lines: `plan dev-edge`, `apply dev-edge`, `push <repo>:<tag>`. */
export function steps(world: World): string[] {
  return readFileSync(path.join(world.dir, 'calls.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { tool: string; args: string[]; where: string })
    .flatMap((c) => {
      if (c.tool === 'terraform' && (c.args[0] === 'plan' || c.args[0] === 'apply')) return [`${c.args[0]}${c.args.includes('-destroy') ? ' -destroy' : ''} ${c.where}`];
      if (c.tool === 'docker' && c.args[0] === 'push') return [`push ${c.args[1].split('/').slice(1).join('/')}`];
      if (c.tool === 'aws' && c.args[1] === 'put-image') return [`tag ${c.args[c.args.indexOf('--repository-name') + 1]}:${c.args[c.args.indexOf('--image-tag') + 1]}`];
      return [];
    });
}
