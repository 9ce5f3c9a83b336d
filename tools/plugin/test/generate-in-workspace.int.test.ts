import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { workspaceCopy } from '@platform/cli-support';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/**
 * The generator for real: `npx nx g @platform/plugin:service` in a temporary copy of this workspace (its
 * tracked and untracked files as they are now, a fresh git repository, node_modules symlinked: workspaceCopy), then the new
 * service's own tests, lint and typecheck, the catalog, synth + policy check of its stack `svc-<name>` (with the
 * resources of its kind) and the deploy plan (its image, the registry and its stack only). Slow (minutes): an integration test.
 */

const REPO_ROOT = join(__dirname, '..', '..', '..');
const ENV = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  CHECKPOINT_DISABLE: '1',
};

interface Run {
  readonly status: number | null;
  readonly output: string;
  readonly ms: number;
}

function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Run {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env: { ...ENV, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // Without colour codes: under `nx run-many` the children inherit FORCE_COLOR.
  return { status: result.status, output: stripVTControlCharacters(`${result.stdout ?? ''}${result.stderr ?? ''}`), ms: Date.now() - started };
}

/** Runs and fails the test with the command's output when it exits non-zero. */
function ok(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Run {
  const result = run(cwd, command, args, env);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.output.slice(-4000)}`);
  return result;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Resource types of one synthesized stack. */
function resourceTypes(work: string, stack: string): string[] {
  const json = JSON.parse(readFileSync(join(work, 'cdktf.out', 'stacks', stack, 'cdk.tf.json'), 'utf8')) as { resource?: Record<string, unknown> };
  return Object.keys(json.resource ?? {});
}

/** What the stack of each kind must hold beyond the task definition, its log group and alarms. */
const KIND_RESOURCES: Record<string, string[]> = {
  web: ['aws_ecs_service', 'aws_lb_target_group', 'aws_lb_listener_rule', 'aws_appautoscaling_target'],
  backend: ['aws_ecs_service', 'aws_appautoscaling_target'],
  worker: ['aws_ecs_service', 'aws_appautoscaling_target'],
  scheduled: ['aws_scheduler_schedule', 'aws_sqs_queue', 'aws_cloudwatch_event_rule'],
};

/**
 * `npm run dev -- --only <name>` in the copy: a scheduled job runs once and exits 0; any other kind
 * starts (a web or backend service answers its health check on its manifest port) and stops with 0 on SIGTERM.
 */
async function runsInLocalDev(work: string, name: string, kind: string): Promise<void> {
  const offset = 20000 + Math.floor(Math.random() * 20000);
  // What `npm run dev` runs, started directly so SIGTERM reaches local-dev itself (as Ctrl-C does).
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'tools/local-dev/src/main.ts', '--only', name], {
    cwd: work,
    env: { ...ENV, LOCAL_DATA_DIR: join(work, '.local-data'), LOCAL_PORT_OFFSET: String(offset), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: whatever it started is killed with it, so no service outlives the test.
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, string | null]>;
  const waitFor = async (what: string, probe: () => Promise<boolean> | boolean) => {
    for (const deadline = Date.now() + 90_000; !(await probe()); await new Promise((r) => setTimeout(r, 250))) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm run dev --only ${name}: no ${what}; output:\n${output}`);
    }
  };
  try {
    if (kind === 'scheduled') {
      const [code] = await exited;
      expect({ code, finished: output.includes(`dev: ${name} finished (0)`) }).toEqual({ code: 0, finished: true });
      return;
    }
    await waitFor('banner', () => new RegExp(`^  ${name}\\s+${kind}: `, 'm').test(output));
    const manifest = JSON.parse(readFileSync(join(work, 'apps', name, 'service.json'), 'utf8')) as { port?: number; health?: { path: string } };
    if (manifest.port !== undefined && manifest.health) {
      const url = `http://127.0.0.1:${manifest.port + offset}${manifest.health.path}`;
      await waitFor(`answer from ${url}`, () => fetch(url).then((r) => r.status === 200, () => false));
    }
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
  } finally {
    try {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
    } catch {
      // the group has already exited
    }
  }
}

const KINDS = [
  { kind: 'web', name: 'it-web', args: ['--path=/it-web'] },
  { kind: 'scheduled', name: 'it-job', args: ['--schedule=rate(1 hour)'] },
  { kind: 'worker', name: 'it-worker', args: ['--queue=scan-requests-dlq'] },
  { kind: 'backend', name: 'it-backend', args: [] },
] as const;

describe('nx g @platform/plugin:service in a copy of the workspace', () => {
  let work: string;
  const generated: string[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'plugin-workspace-'));
    chmodSync(work, 0o755); // readable by the unprivileged user the task rehearsal runs a container as
    workspaceCopy(REPO_ROOT, work);
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  // Keep each kind's result on its own even when a test fails part-way: the next kind starts from a clean tree.
  afterEach(() => {
    git(work, 'add', '-A');
    git(work, 'commit', '--quiet', '--no-verify', '--allow-empty', '-m', 'after test');
  });

  it.each(KINDS)('--kind=$kind: writes only apps/$name/, its tests pass, the catalog has it, infra, local dev and the deploy plan follow', async ({ kind, name, args }) => {
    const base = git(work, 'rev-parse', 'HEAD');
    const started = Date.now();
    const gen = ok(work, 'npx', ['nx', 'g', '@platform/plugin:service', name, `--kind=${kind}`, ...args, '--no-interactive']);
    process.stdout.write(`[${name}] generator: ${gen.ms} ms\n`);

    const changed = git(work, 'status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    expect(changed.length).toBeGreaterThan(5);
    expect(changed.filter((path) => !path.startsWith(`apps/${name}/`))).toEqual([]);

    const catalog = ok(work, 'npx', [
      'tsx',
      '-e',
      "const { loadCatalog } = require('@platform/service-catalog'); const { ENVIRONMENT_NAMES } = require('@platform/infra-config');" +
        ' const c = loadCatalog({ workspaceRoot: process.cwd(), environmentNames: ENVIRONMENT_NAMES });' +
        ' console.log(JSON.stringify(c.services.map((s) => [s.name, s.kind])));',
    ]);
    expect(JSON.parse(catalog.output.trim().split('\n').pop() ?? '[]')).toContainEqual([name, kind]);

    ok(work, 'npm', ['run', 'synth'], { ENVIRONMENTS: 'dev', STACKS: `svc-${name}` });
    const types = resourceTypes(work, `dev-svc-${name}`);
    for (const type of ['aws_ecs_task_definition', 'aws_cloudwatch_log_group', 'aws_cloudwatch_metric_alarm', ...KIND_RESOURCES[kind]]) expect([name, types.includes(type) ? type : `no ${type}`]).toEqual([name, type]);
    ok(work, 'npm', ['run', 'policy:check']);
    process.stdout.write(`[${name}] generator start -> synth + policy check of svc-${name} green: ${Date.now() - started} ms\n`);

    git(work, 'add', '-A');
    git(work, 'commit', '--quiet', '--no-verify', '-m', `add ${name}`);
    const head = git(work, 'rev-parse', 'HEAD');
    const plan = ok(work, 'npm', ['run', '--silent', 'deploy:plan', '--', '--base', base, '--head', head, '--json']);
    const parsed = JSON.parse(plan.output.slice(plan.output.indexOf('{'))) as {
      images: { project: string }[];
      environments: { name: string; stacks: { name: string }[] }[];
    };
    expect(parsed.images.map((i) => i.project)).toEqual([name]);
    expect(parsed.environments.length).toBeGreaterThan(0);
    // A new service: its repository (registry) and its own stack, nothing of the other services.
    for (const environment of parsed.environments) expect(environment.stacks.map((s) => s.name).filter((s) => s.startsWith('svc-'))).toEqual([`svc-${name}`]);
    for (const environment of parsed.environments) expect(environment.stacks.map((s) => s.name)).toContain('registry');

    await runsInLocalDev(work, name, kind);

    // Its synthesized task definition starts its real bundle as ECS would (the synth above holds the stacks it reads).
    const rehearsal = ok(work, 'npm', ['run', 'rehearse', '--', '--service', name, '--environment', 'dev', '--synth-dir', 'cdktf.out']);
    expect(rehearsal.output).toContain(`ok   dev-svc-${name} (${kind})`);
    expect(rehearsal.output).toContain('1 of 1 tasks rehearsed\n');

    const tests = ok(work, 'npx', ['jest', '-c', `apps/${name}/jest.config.js`]);
    expect(tests.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
    expect(tests.output).not.toMatch(/failed/);
    process.stdout.write(`[${name}] own tests: ${tests.ms} ms\n`);
    generated.push(name);
  }, 600_000);

  it('every generated project passes its lint and typecheck targets', () => {
    expect(generated).toHaveLength(KINDS.length);
    const result = ok(work, 'npx', ['nx', 'run-many', '-t', 'lint,typecheck', '-p', generated.join(','), '--output-style=static', '--skip-nx-cache']);
    expect(result.output).toContain(`Successfully ran targets lint, typecheck for ${generated.length} projects`);
    process.stdout.write(`lint + typecheck of ${generated.join(', ')}: ${result.ms} ms\n`);
  }, 600_000);
});
