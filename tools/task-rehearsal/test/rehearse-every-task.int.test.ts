import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RehearsalError } from '../src/rehearsal-error';
import { buildBundles, rehearsalCases, RehearsalSession, synthesizeWorkspace } from '../src/rehearse-workspace';
import type { ContainerDefinition } from '../src/service-task';
import { SynthesizedStacks, type StackJson } from '../src/synthesized-stacks';

/**
 * The seam between infra and apps, run: every service's synthesized task definition in every
 * environment starts the real bundle (see rehearseTask). Then edited copies of the synth show each
 * kind of break is caught at the step that names it.
 */
const REPO_ROOT = join(__dirname, '..', '..', '..');
const CASES = rehearsalCases({ workspaceRoot: REPO_ROOT });

let synthDir: string;
let session: RehearsalSession;
const scratch: string[] = [];

beforeAll(async () => {
  buildBundles(REPO_ROOT, [...new Set(CASES.map((c) => c.service))]);
  synthDir = synthesizeWorkspace(REPO_ROOT);
  session = await RehearsalSession.start(REPO_ROOT, synthDir);
}, 600_000);

afterAll(async () => {
  await session?.stop();
  for (const dir of [synthDir, ...scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('every synthesized task starts its real bundle as ECS would run it', () => {
  it('covers every catalog service in every environment', () => {
    const stacks = new SynthesizedStacks(synthDir).names().filter((name) => /^(dev|staging|prod)-svc-/.test(name));
    expect(CASES.map((c) => `${c.environment}-svc-${c.service}`).sort()).toEqual(stacks);
  });

  it.each(CASES)('$environment $service', async ({ environment, service }) => {
    const result = await session.rehearse(environment, service);
    expect(result.exitCode).toBe(0);
    if (result.kind === 'web') expect(result.albStatus).toBe(200);
    if (result.kind !== 'scheduled') expect(result.healthyAfterMs).toBeGreaterThan(0);
  }, 180_000);
});

/** A copy of the synth with one stack's JSON edited. */
function editedSynth(stack: string, edit: (json: StackJson & { resource: Record<string, Record<string, Record<string, unknown>>> }) => void): SynthesizedStacks {
  const dir = mkdtempSync(join(tmpdir(), 'rehearsal-edited-'));
  scratch.push(dir);
  cpSync(synthDir, dir, { recursive: true });
  const file = join(dir, 'stacks', stack, 'cdk.tf.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json));
  return new SynthesizedStacks(dir);
}

type Editable<T> = { -readonly [K in keyof T]: T[K] };

/** Edits the one container of the stack's task definition. */
function editedContainer(stack: string, edit: (container: Editable<ContainerDefinition>) => void): SynthesizedStacks {
  return editedSynth(stack, (json) => {
    const definition = Object.values(json.resource.aws_ecs_task_definition)[0];
    const containers = JSON.parse(String(definition.container_definitions));
    edit(containers[0]);
    definition.container_definitions = JSON.stringify(containers);
  });
}

function setVariable(container: ContainerDefinition, name: string, value: string): void {
  const variable = container.environment?.find((v) => v.name === name);
  if (!variable) throw new Error(`no ${name} in ${container.name}`);
  variable.value = value;
}

async function failure(run: Promise<unknown>): Promise<RehearsalError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RehearsalError)) throw new Error(`expected a RehearsalError, got ${String(error)}`);
  return error;
}

describe('a task that would not start, stay healthy or stop is caught, naming the step', () => {
  it('the api without the CURSOR_SECRET its config requires never becomes healthy', async () => {
    const stacks = editedContainer('dev-svc-api', (c) => {
      c.secrets = [];
    });
    const error = await failure(session.rehearse('dev', 'api', stacks));
    expect(error.step).toBe('container health check');
    expect(error.message).toContain('the container exited before its health check passed');
    expect(error.output).toContain('CURSOR_SECRET');
  }, 120_000);

  it('a secret the execution role may not read stops the task before it starts', async () => {
    const stacks = editedContainer('dev-svc-api', (c) => {
      c.secrets = (c.secrets ?? []).map((s) => ({ ...s, valueFrom: s.valueFrom.replace('/dev/api/', '/dev/worker/') }));
    });
    const error = await failure(session.rehearse('dev', 'api', stacks));
    expect(error.step).toBe('environment');
    expect(error.message).toMatch(/CURSOR_SECRET: the execution role may not ssm:GetParameters arn:aws:ssm:[^ ]+\/dev\/worker\/cursor-secret/);
  }, 120_000);

  it('a variable pointing at a resource no apply creates', async () => {
    const stacks = editedContainer('dev-svc-worker', (c) => setVariable(c, 'SCAN_QUEUE_URL', '${data.terraform_remote_state.cross-stack-reference-input-dev-data.outputs.no-such-output}'));
    const error = await failure(session.rehearse('dev', 'worker', stacks));
    expect(error.step).toBe('environment');
    expect(error.message).toContain('SCAN_QUEUE_URL=${data.terraform_remote_state.cross-stack-reference-input-dev-data.outputs.no-such-output}: not a resource attribute');
  }, 120_000);

  it('a health check that reads another file than the worker writes marks it unhealthy', async () => {
    const stacks = editedContainer('dev-svc-worker', (c) => {
      const health = c.healthCheck as { command: string[]; startPeriod: number; interval: number; retries: number };
      health.command = health.command.map((word) => word.replace('/tmp/worker-heartbeat', '/tmp/other-heartbeat'));
      Object.assign(health, { startPeriod: 2, interval: 1, retries: 1 });
    });
    const error = await failure(session.rehearse('dev', 'worker', stacks));
    expect(error.step).toBe('container health check');
    expect(error.message).toContain('unhealthy: the health check still exits 1');
  }, 120_000);

  it("an ALB matcher the service's health path does not answer", async () => {
    const stacks = editedSynth('staging-svc-api', (json) => {
      const group = Object.values(json.resource.aws_lb_target_group)[0] as { health_check: { matcher: string } };
      group.health_check.matcher = '204';
    });
    const error = await failure(session.rehearse('staging', 'api', stacks));
    expect(error.step).toBe('ALB health check');
    expect(error.message).toContain("GET /healthz on port 3000 answered 200, the target group's matcher is 204");
  }, 120_000);

  it('a container that ignores SIGTERM past its stop timeout', async () => {
    const stacks = editedContainer('prod-svc-worker', (c) => {
      c.command = ['node', '-e', "process.on('SIGTERM', () => {}); const f = () => require('fs').writeFileSync(process.env.HEARTBEAT_FILE, ''); f(); setInterval(f, 500)"];
      c.stopTimeout = 2;
    });
    const error = await failure(session.rehearse('prod', 'worker', stacks));
    expect(error.step).toBe('stop');
    expect(error.message).toContain('still running 2 s after SIGTERM');
  }, 120_000);

  it('a scheduled job pointed at tables that do not exist fails its run', async () => {
    const stacks = editedContainer('dev-svc-purge-expired', (c) => setVariable(c, 'TABLE_PREFIX', 'no-such-env'));
    const error = await failure(session.rehearse('dev', 'purge-expired', stacks));
    expect(error.step).toBe('run');
    expect(error.message).toMatch(/exited [1-9]/);
  }, 120_000);

  it('a task with a read-only root filesystem cannot write outside its volumes', async () => {
    const write = (path: string) => ['node', '-e', `require('fs').writeFileSync(${JSON.stringify(path)}, 'x')`];
    const intoVolume = editedContainer('dev-svc-purge-expired', (c) => (c.command = write('/tmp/report.txt')));
    const written = await session.rehearse('dev', 'purge-expired', intoVolume);
    expect(written.exitCode).toBe(0);
    const intoApp = editedContainer('dev-svc-purge-expired', (c) => (c.command = write('report.txt')));
    if (!written.readOnlyRootEnforced) {
      // Root with the workspace closed to others: the container ran as root, which writes anywhere.
      expect(process.getuid?.()).toBe(0);
      process.stdout.write('read-only root filesystem not enforceable here: the workspace is closed to unprivileged users\n');
      expect((await session.rehearse('dev', 'purge-expired', intoApp)).exitCode).toBe(0);
      return;
    }
    const error = await failure(session.rehearse('dev', 'purge-expired', intoApp));
    expect(error.step).toBe('run');
    expect(error.output).toMatch(/EACCES|EROFS|permission denied/i);
  }, 120_000);

  it("a task running another service's image", async () => {
    const apiStack = new SynthesizedStacks(synthDir).get('dev-svc-api');
    const apiImage = (JSON.parse(String(Object.values(apiStack.resource?.aws_ecs_task_definition ?? {})[0].container_definitions)) as ContainerDefinition[])[0].image;
    const stacks = editedContainer('dev-svc-worker', (c) => (c.image = apiImage));
    const error = await failure(session.rehearse('dev', 'worker', stacks));
    expect(error.step).toBe('image');
    expect(error.message).toContain('image comes from repository fargate-platform/api, images of worker are pushed to fargate-platform/worker');
  }, 120_000);
});
