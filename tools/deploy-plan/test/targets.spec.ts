import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { SERVICE_STACK_PREFIX, stackDependencies, stackNames } from '@platform/infra-config';
import { formatCommand, stackCommand } from '../src/commands/stack-command';
import { computeDeployPlan } from '../src/deploy-plan-command';
import { CliError } from '../src/cli-error';
import { FixtureWorkspace, REPO_ROOT } from './fixture-workspace';

const run = promisify(execFile);
const STACKS = ['state', 'network', 'registry', 'data', 'edge', 'monitoring'];
// Belt and braces: even if --dry-run were lost on the way, nothing real runs from a test.
const DRY_ENV = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  DEPLOY_PLAN_DRY_RUN: '1',
  // The tools' own @platform/* imports resolve through this repository's tsconfig, whatever the cwd.
  TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.json'),
};

describe('stack plan/deploy commands', () => {
  it('plan is cdktf diff of <env>-<stack>, synthesizing only that stack and environment', () => {
    expect(formatCommand(stackCommand({ action: 'plan', stack: 'svc-api', environment: 'staging' }))).toBe(
      'CHECKPOINT_DISABLE=1 ENVIRONMENTS=staging STACKS=svc-api npx cdktf diff staging-svc-api',
    );
  });

  it('deploy is cdktf deploy with auto-approve (CI gates environments, not prompts), strict about placeholders', () => {
    const command = stackCommand({ action: 'deploy', stack: 'data', environment: 'prod' });
    // Nx has deployed the upstream stacks in calls of their own: cdktf must not refuse for them
    expect(command.argv).toEqual(['npx', 'cdktf', 'deploy', 'prod-data', '--auto-approve', '--ignore-missing-stack-dependencies']);
    expect(command.env).toEqual({ CHECKPOINT_DISABLE: '1', ENVIRONMENTS: 'prod', STACKS: 'data', DEPLOY_ENVIRONMENT: 'prod' });
    expect(stackCommand({ action: 'plan', stack: 'data', environment: 'prod' }).env).not.toHaveProperty('DEPLOY_ENVIRONMENT');
  });

  it('knows the edge stack and the per-service stacks', () => {
    expect(stackCommand({ action: 'plan', stack: 'svc-api', environment: 'dev' }).argv).toEqual(['npx', 'cdktf', 'diff', 'dev-svc-api']);
    expect(stackCommand({ action: 'plan', stack: 'edge', environment: 'dev' }).argv).toEqual(['npx', 'cdktf', 'diff', 'dev-edge']);
    expect(() => stackCommand({ action: 'plan', stack: 'svc-', environment: 'dev' })).toThrow('unknown stack svc-');
  });

  it('refuses to guess an environment or a stack', () => {
    expect(() => stackCommand({ action: 'deploy', stack: 'data', environment: undefined })).toThrow(CliError);
    expect(() => stackCommand({ action: 'deploy', stack: 'data', environment: undefined })).toThrow('--env is required');
    expect(() => stackCommand({ action: 'plan', stack: 'database', environment: 'dev' })).toThrow('unknown stack database');
  });

  it.each(STACKS)('stack-%s has plan/deploy targets per environment that forward --dry-run to the stacks before it', (stack) => {
    const project = JSON.parse(readFileSync(join(REPO_ROOT, 'infra/stacks', stack, 'project.json'), 'utf8'));
    for (const action of ['plan', 'deploy']) {
      const target = project.targets[action];
      expect(target.options.command).toBe(`tsx tools/deploy-plan/src/stack-bin.ts ${action} ${stack}`);
      expect(target.dependsOn).toEqual([{ target: action, dependencies: true, params: 'forward' }]);
      expect(Object.keys(target.configurations)).toEqual(['dev', 'staging', 'prod']);
    }
  });

  it('nx run stack-edge:deploy:prod --dry-run prints every cdktf command, upstream stacks first', async () => {
    const { stdout: raw } = await run('npx', ['nx', 'run', 'stack-edge:deploy:prod', '--dry-run', '--output-style=static'], {
      cwd: REPO_ROOT,
      env: DRY_ENV,
    });
    // Nx colours its task headers even when piped on some terminals; compare the plain text.
    const stdout = stripVTControlCharacters(raw);
    const commands = stdout.split('\n').filter((line) => line.startsWith('CHECKPOINT_DISABLE=1'));
    const order = commands.map((line) => line.replace(/^.* deploy prod-(\w+) --auto-approve --ignore-missing-stack-dependencies$/, '$1'));
    expect(order).toEqual(['state', 'network', 'edge']);
    expect(stdout).toContain('> nx run stack-state:deploy:prod --dry-run');
  }, 120_000);
});

describe('the stack projects follow infra/config (stack-names.ts)', () => {
  // deploy:plan's `layer` comes from the Nx graph of the stack projects; the stack list and what
  // each stack reads are written in stack-names.ts. Both must give every stack the same upstream
  // stacks (transitively; every backend also needs the state stack's bucket).
  const projectOf = (stack: string) => (stack.startsWith(SERVICE_STACK_PREFIX) ? 'service' : stack);
  const implicit = (project: string): string[] =>
    (JSON.parse(readFileSync(join(REPO_ROOT, 'infra/stacks', project, 'project.json'), 'utf8')).implicitDependencies ?? []).map((d: string) => d.replace(/^stack-/, ''));
  const closure = (start: string, next: (s: string) => readonly string[]): string[] => {
    const seen = new Set<string>();
    const queue = [...next(start)];
    while (queue.length > 0) {
      const s = queue.pop() as string;
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(...next(s));
    }
    return [...seen].sort();
  };

  it.each(stackNames(['api']))('%s reads the same stacks in both', (stack) => {
    const fromConfig = closure(stack, (s) => (s === 'state' ? [] : ['state', ...stackDependencies(s)]));
    const fromGraph = closure(projectOf(stack), implicit);
    expect(fromGraph).toEqual(fromConfig);
  });
});

describe('docker-build target', () => {
  it.each(['api', 'worker'])('%s:docker-build runs the real bin and depends on the build', (app) => {
    const target = JSON.parse(readFileSync(join(REPO_ROOT, 'apps', app, 'project.json'), 'utf8')).targets['docker-build'];
    expect(target.options.command).toBe(`tsx tools/deploy-plan/src/docker-build-bin.ts ${app}`);
    expect(target.dependsOn).toEqual(['build']);
  });

  it('--dry-run prints docker build with the tag deploy:plan reports', async () => {
    const fixture = FixtureWorkspace.create();
    try {
      fixture.change('api', { 'apps/api/src/main.ts': 'export const x = 1;\n' });
      const plan = await computeDeployPlan({ cwd: fixture.dir, base: fixture.baseCommit });
      const { stdout } = await run(
        process.execPath,
        ['--import', require.resolve('tsx'), join(__dirname, '../src/docker-build-bin.ts'), 'api', '--dry-run'],
        { cwd: fixture.dir, env: DRY_ENV },
      );
      expect(stdout).toBe(`docker build -f apps/api/Dockerfile -t fargate-platform/api:${plan.images[0].tag} .\n`);
    } finally {
      fixture.remove();
    }
  });
});
