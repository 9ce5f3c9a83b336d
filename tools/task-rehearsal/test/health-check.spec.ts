import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { healthCheckArgv, matcherAccepts, runHealthCheckOnce, waitUntilHealthy, type CommandContext } from '../src/health-check';

const context = (cwd: string): CommandContext => ({ cwd, env: { PATH: process.env.PATH ?? '' }, localize: (word) => word });

describe('healthCheckArgv', () => {
  it('execs CMD words and runs CMD-SHELL under /bin/sh -c, as ECS does', () => {
    expect(healthCheckArgv(['CMD', 'node', '-e', 'x'])).toEqual(['node', '-e', 'x']);
    expect(healthCheckArgv(['CMD-SHELL', 'curl -f http://localhost/ || exit 1'])).toEqual(['/bin/sh', '-c', 'curl -f http://localhost/ || exit 1']);
  });

  it('rejects a command ECS would not take', () => {
    expect(() => healthCheckArgv(['node', 'check.js'])).toThrow('ECS takes ["CMD", exe, ...args] or ["CMD-SHELL", "command line"]');
    expect(() => healthCheckArgv(['CMD-SHELL', 'a', 'b'])).toThrow();
  });
});

describe('matcherAccepts', () => {
  it.each([
    ['200', 200, true],
    ['200', 204, false],
    ['200,204', 204, true],
    ['200-299', 299, true],
    ['200-299', 302, false],
  ])('%s accepts %d: %s', (matcher, status, accepted) => expect(matcherAccepts(matcher, status)).toBe(accepted));
});

describe('running a health check', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'health-check-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the exit code, and a run past its timeout as a failure', async () => {
    expect(await runHealthCheckOnce({ command: ['CMD', process.execPath, '-e', 'process.exit(0)'] }, context(dir))).toBe(0);
    expect(await runHealthCheckOnce({ command: ['CMD-SHELL', 'exit 3'] }, context(dir))).toBe(3);
    expect(await runHealthCheckOnce({ command: ['CMD', process.execPath, '-e', 'setTimeout(() => {}, 10000)'], timeout: 1 }, context(dir))).not.toBe(0);
    expect(await runHealthCheckOnce({ command: ['CMD', join(dir, 'missing')] }, context(dir))).toBe(127);
  });

  it('waits through the start period for a check that starts passing', async () => {
    const marker = join(dir, 'ready');
    setTimeout(() => writeFileSync(marker, ''), 700);
    const check = { command: ['CMD', process.execPath, '-e', `process.exit(require('fs').existsSync(${JSON.stringify(marker)}) ? 0 : 1)`], interval: 1, retries: 1, startPeriod: 5 };
    const ms = await waitUntilHealthy(check, context(dir), () => true, 100);
    expect(ms).toBeGreaterThanOrEqual(600);
  });

  it('gives up once the start period and the retries are spent', async () => {
    const check = { command: ['CMD-SHELL', 'exit 1'], interval: 1, retries: 1, startPeriod: 1 };
    const started = Date.now();
    await expect(waitUntilHealthy(check, context(dir), () => true, 100)).rejects.toThrow('unhealthy: the health check still exits 1 after the start period (1 s) and 1 retries 1 s apart');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
  });

  it('stops waiting when the container has exited', async () => {
    await expect(waitUntilHealthy({ command: ['CMD-SHELL', 'exit 1'], startPeriod: 60 }, context(dir), () => false)).rejects.toThrow('the container exited before its health check passed');
  });
});
