import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { imageRepositoryName } from '@platform/infra-config';
import { assembleImageApp, makeReadOnly, readImageLayout } from '@platform/dockerfile-check';
import type { ServiceKind } from '@platform/service-catalog';
import { freePort } from '@platform/shared/testing';
import { packagesNamedIn, packagesRequiredBy } from './bundle-dependencies';
import { ContainerSandbox } from './container-sandbox';
import type { EmulatedApply, EmulatorEndpoints } from './emulated-apply';
import type { FakeParameterStore } from './fake-parameter-store';
import { matcherAccepts, waitUntilHealthy } from './health-check';
import { RehearsalError } from './rehearsal-error';
import { readServiceTask, type ServiceTask, type TargetGroupHealthCheck } from './service-task';
import { resourcesOf, type SynthesizedStacks } from './synthesized-stacks';
import { resolveReference } from './terraform-reference';
import { taskEnvironment } from './task-environment';

/** ECS's default stop timeout (seconds) when a container definition sets none. */
const ECS_DEFAULT_STOP_TIMEOUT = 30;

export interface RehearseTaskInputs {
  readonly workspaceRoot: string;
  readonly stacks: SynthesizedStacks;
  /** `<env>-svc-<name>`. */
  readonly stackName: string;
  readonly service: string;
  readonly kind: ServiceKind;
  readonly applied: EmulatedApply;
  readonly store: FakeParameterStore;
  readonly emulators: EmulatorEndpoints;
  /** A scratch folder of this rehearsal; removed afterwards. */
  readonly workDir: string;
  /** How long a scheduled job's run may take. @default 60 s */
  readonly runLimitMs?: number;
}

export interface TaskRehearsal {
  readonly stack: string;
  readonly service: string;
  readonly kind: ServiceKind;
  /** Container health check passed after this many ms (undefined: the task has none). */
  readonly healthyAfterMs?: number;
  /** The ALB health check's answer (undefined: no target group). */
  readonly albStatus?: number;
  readonly exitCode: number | null;
  /** Whether writes outside the volumes were refused (the task has a read-only root filesystem and the rehearsal could enforce it). */
  readonly readOnlyRootEnforced: boolean;
  /** From SIGTERM (or, for a scheduled job, from start) to exit. */
  readonly exitAfterMs: number;
}

/**
 * Runs one service stack's task as ECS would, without a container engine: the image's /app
 * rebuilt from the bundle its Dockerfile copies (read-only when the task's root filesystem is),
 * the container's command, its environment and secrets resolved as at deploy time, AWS endpoints
 * pointed at the emulators. A long-running service must pass its container health check (run as ECS
 * runs it), answer the ALB health check with the matcher's code, and exit 0 within its stop timeout
 * on SIGTERM; a scheduled job must run to exit 0.
 */
export async function rehearseTask(inputs: RehearseTaskInputs): Promise<TaskRehearsal> {
  const { stackName, service, workDir } = inputs;
  const fail = (step: string, message: string, output = '') => new RehearsalError(stackName, step, message, output);
  const task = readServiceTask(stackName, inputs.stacks.get(stackName));
  const { container } = task;
  checkImage(inputs, task, fail);

  const layout = readImageLayout(inputs.workspaceRoot, service);
  const appDir = join(workDir, 'app');
  mkdirSync(workDir, { recursive: true });
  const installed = assembleImageApp(inputs.workspaceRoot, layout, appDir);
  // Production dependencies only: every package the bundle requires, and beyond those only packages
  // the app's sources name (type-only imports), not, say, the emulators tests start.
  const required = packagesRequiredBy(join(appDir, 'main.js'));
  const missing = required.filter((name) => !installed.includes(name));
  if (missing.length > 0) throw fail('image', `the bundle requires ${missing.join(', ')}, which the image's package.json does not install`);
  const named = packagesNamedIn(join(inputs.workspaceRoot, 'apps', service, 'src'));
  const extra = installed.filter((name) => !required.includes(name) && !named.has(name));
  if (extra.length > 0) throw fail('image', `the image installs ${extra.join(', ')}, which neither the bundle nor the app's sources use`);
  if ((container.workingDirectory ?? layout.workdir) !== layout.workdir) throw fail('image', `workingDirectory ${container.workingDirectory} is not the image's WORKDIR ${layout.workdir}`);

  const ports = new Map<number, number>();
  for (const mapping of container.portMappings ?? []) ports.set(mapping.containerPort, await freePort());
  const mounts = new Map<string, string>();
  for (const mount of container.mountPoints ?? []) {
    const local = join(workDir, 'volumes', mount.sourceVolume);
    mkdirSync(local, { recursive: true });
    mounts.set(mount.containerPath, local);
  }
  const sandbox = new ContainerSandbox(ports, mounts);
  const user = containerUser(container.user ?? layout.user, join(inputs.workspaceRoot, 'node_modules'));
  // Root writes through any permission: the code is read-only only to an unprivileged user.
  const readOnlyRootEnforced = container.readonlyRootFilesystem === true && (user !== undefined || process.getuid?.() !== 0);
  const home = join(workDir, 'home');
  mkdirSync(home, { recursive: true });
  if (user) {
    // The image's non-root user owns its volumes and home (the Dockerfile chowns them); the rest is read-only to it.
    for (const path of [workDir, appDir]) chmodSync(path, 0o755);
    for (const path of [home, ...mounts.values()]) chownSync(path, user.uid, user.gid);
  }

  let variables: Record<string, string>;
  try {
    variables = taskEnvironment({ stackName, task, stacks: inputs.stacks, applied: inputs.applied, store: inputs.store });
  } catch (error) {
    throw fail('environment', (error as Error).message);
  }
  const env: NodeJS.ProcessEnv = {
    PATH: `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: home,
    ...layout.env,
    ...Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, sandbox.localize(value)])),
    // What ECS gives a task instead: AWS endpoints and task-role credentials.
    AWS_ENDPOINT_URL_DYNAMODB: inputs.emulators.dynamodb,
    AWS_ENDPOINT_URL_SQS: inputs.emulators.sqs,
    AWS_ACCESS_KEY_ID: 'rehearsal',
    AWS_SECRET_ACCESS_KEY: 'rehearsal',
  };
  const argv = [...(container.entryPoint ?? layout.entrypoint), ...(container.command ?? layout.cmd)].map((word) => sandbox.localize(word));
  if (readOnlyRootEnforced) makeReadOnly(appDir);

  const child = spawn(argv[0] === 'node' ? process.execPath : argv[0], argv.slice(1), { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'], ...user });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const tail = () => output.join('').slice(-3000);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running = () => child.exitCode === null && child.signalCode === null;
  try {
    if (inputs.kind === 'scheduled') {
      const started = Date.now();
      const code = await within(exited, inputs.runLimitMs ?? 60_000);
      if (code === 'timeout') throw fail('run', `still running after ${inputs.runLimitMs ?? 60_000} ms`, tail());
      if (code !== 0) throw fail('run', `exited ${code}`, tail());
      return { stack: stackName, service, kind: inputs.kind, exitCode: code, readOnlyRootEnforced, exitAfterMs: Date.now() - started };
    }

    let healthyAfterMs: number | undefined;
    if (container.healthCheck) {
      try {
        healthyAfterMs = await waitUntilHealthy(container.healthCheck, { cwd: appDir, env, user, localize: (word) => sandbox.localize(word) }, running);
      } catch (error) {
        throw fail('container health check', (error as Error).message, tail());
      }
    }
    const albStatus = task.targetGroupHealthCheck ? await albHealthCheck(task, task.targetGroupHealthCheck, sandbox, running, fail, tail) : undefined;

    const stopTimeoutMs = (container.stopTimeout ?? ECS_DEFAULT_STOP_TIMEOUT) * 1000;
    const stopping = Date.now();
    child.kill('SIGTERM');
    const code = await within(exited, stopTimeoutMs);
    if (code === 'timeout') throw fail('stop', `still running ${stopTimeoutMs / 1000} s after SIGTERM (ECS would SIGKILL it)`, tail());
    if (code !== 0) throw fail('stop', `exited ${code} on SIGTERM`, tail());
    return { stack: stackName, service, kind: inputs.kind, healthyAfterMs, albStatus, exitCode: code, readOnlyRootEnforced, exitAfterMs: Date.now() - stopping };
  } finally {
    await stop(child);
    makeReadOnly(appDir, false);
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** Unprivileged uid/gid used for an image's non-root USER when the rehearsal itself runs as root. */
const UNPRIVILEGED = { uid: 65534, gid: 65534 };

/**
 * Who the container runs as, locally: nobody when the image names a non-root user and we are root
 * (root would write through every read-only permission), else the current user (who cannot). Root
 * it stays when nobody could not read the workspace's packages (a folder on the way is closed).
 */
function containerUser(imageUser: string | undefined, packages: string): { uid: number; gid: number } | undefined {
  const root = process.getuid?.() === 0;
  const nonRootImage = imageUser !== undefined && imageUser !== 'root' && imageUser !== '0';
  return root && nonRootImage && closedAncestor(packages) === undefined ? UNPRIVILEGED : undefined;
}

/** The first folder on the way to `path` that others may not enter or list, if any. */
function closedAncestor(path: string): string | undefined {
  for (const way of [resolve(path), realpathSync(path)]) {
    const parts = way.split(sep).filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const dir = sep + parts.slice(0, i).join(sep);
      if ((statSync(dir).mode & 0o005) !== 0o005) return dir;
    }
  }
  return undefined;
}

/** The image is this service's repository: the one CI pushes `<name>` to. */
function checkImage(inputs: RehearseTaskInputs, task: ServiceTask, fail: (step: string, message: string) => RehearsalError): void {
  const [, reference] = /^(\$\{[^}]+\}):[^:/]+$/.exec(task.container.image) ?? [];
  const attribute = reference && resolveReference(reference, inputs.stackName, inputs.stacks);
  if (!attribute || attribute.type !== 'aws_ecr_repository' || attribute.attribute !== 'repository_url') {
    throw fail('image', `image ${task.container.image} is not <an ECR repository's repository_url>:<tag>`);
  }
  const name = resourcesOf(inputs.stacks.get(attribute.stack), 'aws_ecr_repository')[attribute.id]?.name;
  if (name !== imageRepositoryName(inputs.service)) throw fail('image', `image comes from repository ${String(name)}, images of ${inputs.service} are pushed to ${imageRepositoryName(inputs.service)}`);
}

async function albHealthCheck(
  task: ServiceTask,
  check: TargetGroupHealthCheck,
  sandbox: ContainerSandbox,
  running: () => boolean,
  fail: (step: string, message: string, output?: string) => RehearsalError,
  tail: () => string,
): Promise<number> {
  const containerPort = check.port === 'traffic-port' ? task.container.portMappings?.[0]?.containerPort : Number(check.port);
  if (containerPort === undefined) throw fail('ALB health check', 'the target group checks the traffic port, and the container maps none');
  const url = `http://127.0.0.1:${sandbox.localPort(containerPort)}${check.path}`;
  const deadline = Date.now() + 20_000;
  let status = 0;
  while (Date.now() < deadline && running()) {
    status = await fetch(url, { signal: AbortSignal.timeout(5000) }).then((response) => response.status, () => 0);
    if (status !== 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!matcherAccepts(check.matcher, status)) {
    throw fail('ALB health check', `GET ${check.path} on port ${containerPort} answered ${status || 'nothing'}, the target group's matcher is ${check.matcher}`, tail());
  }
  return status;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
