import { spawn } from 'node:child_process';
import type { ContainerHealthCheck } from './service-task';

/** ECS's health check defaults (seconds). */
export const HEALTH_CHECK_DEFAULTS = { interval: 30, timeout: 5, retries: 3, startPeriod: 0 } as const;

export interface CommandContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Run as this user (the container's). */
  readonly user?: { readonly uid: number; readonly gid: number };
  /** Rewrites each word of the command for the local stand-ins of ports and mounts. */
  readonly localize: (value: string) => string;
}

/** The argv ECS runs for a health check: `CMD` execs its words, `CMD-SHELL` runs one line under /bin/sh -c. */
export function healthCheckArgv(command: readonly string[]): string[] {
  const [form, ...rest] = command;
  if (form === 'CMD' && rest.length > 0) return [...rest];
  if (form === 'CMD-SHELL' && rest.length === 1) return ['/bin/sh', '-c', rest[0]];
  throw new Error(`health check command ${JSON.stringify(command)}: ECS takes ["CMD", exe, ...args] or ["CMD-SHELL", "command line"]`);
}

/** One run of the check: resolves to its exit code (a run past the timeout counts as a failure, as in ECS). */
export function runHealthCheckOnce(check: ContainerHealthCheck, context: CommandContext): Promise<number> {
  const [exe, ...args] = healthCheckArgv(check.command).map(context.localize);
  const timeoutMs = (check.timeout ?? HEALTH_CHECK_DEFAULTS.timeout) * 1000;
  return new Promise((resolve) => {
    const child = spawn(exe, args, { cwd: context.cwd, env: context.env, stdio: 'ignore', ...context.user });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', () => {
      clearTimeout(timer);
      resolve(127);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

/**
 * Runs the check until it passes, or until ECS would have marked the container unhealthy: failures
 * in the start period do not count, then `retries` failed runs `interval` apart do. The rehearsal
 * runs it more often than `interval` (at most every `pollMs`), so a healthy task is found early;
 * the deadline is the one ECS gives. Resolves with the milliseconds to healthy, rejects when unhealthy.
 */
export async function waitUntilHealthy(check: ContainerHealthCheck, context: CommandContext, isRunning: () => boolean, pollMs = 500): Promise<number> {
  const interval = check.interval ?? HEALTH_CHECK_DEFAULTS.interval;
  const retries = check.retries ?? HEALTH_CHECK_DEFAULTS.retries;
  const startPeriod = check.startPeriod ?? HEALTH_CHECK_DEFAULTS.startPeriod;
  const started = Date.now();
  const deadline = started + (startPeriod + interval * retries) * 1000;
  let last = -1;
  while (Date.now() < deadline) {
    if (!isRunning()) throw new Error(`the container exited before its health check passed (last check exit ${last})`);
    last = await runHealthCheckOnce(check, context);
    if (last === 0) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`unhealthy: the health check still exits ${last} after the start period (${startPeriod} s) and ${retries} retries ${interval} s apart`);
}

/** Whether an ALB target group matcher (`200`, `200,202`, `200-299`) accepts a status code. */
export function matcherAccepts(matcher: string, status: number): boolean {
  return matcher.split(',').some((part) => {
    const [low, high] = part.trim().split('-').map(Number);
    return high === undefined ? status === low : status >= low && status <= high;
  });
}
