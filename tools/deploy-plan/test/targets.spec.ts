import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { SERVICE_STACK_PREFIX, stackDependencies, stackNames } from '@platform/infra-config';
import { formatCommand, stackCommands } from '../src/commands/stack-command';
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
  const lines = (action: 'plan' | 'deploy', stack: string, environment: string) => stackCommands({ action, stack, environment }).map(formatCommand);

  it('plan synthesizes only that stack and environment (as npm run synth does), then terraform init and plan in its directory', () => {
    expect(lines('plan', 'svc-api', 'staging')).toEqual([
      'CHECKPOINT_DISABLE=1 CDKTF_OUTDIR=cdktf.out ENVIRONMENTS=staging STACKS=svc-api tsx --tsconfig infra/tsconfig.json infra/main.ts',
      'terraform -chdir=cdktf.out/stacks/staging-svc-api init -input=false',
      'terraform -chdir=cdktf.out/stacks/staging-svc-api plan -input=false',
    ]);
  });

  it('deploy applies without a prompt (CI gates environments, not prompts) and synthesizes strict about placeholders', () => {
    const [synth, init, apply] = stackCommands({ action: 'deploy', stack: 'data', environment: 'prod' });
    expect(synth.env).toEqual({ CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: 'cdktf.out', ENVIRONMENTS: 'prod', STACKS: 'data', DEPLOY_ENVIRONMENT: 'prod' });
    expect(init.argv).toEqual(['terraform', '-chdir=cdktf.out/stacks/prod-data', 'init', '-input=false']);
    expect(apply.argv).toEqual(['terraform', '-chdir=cdktf.out/stacks/prod-data', 'apply', '-input=false', '-auto-approve']);
    expect(stackCommands({ action: 'plan', stack: 'data', environment: 'prod' })[0].env).not.toHaveProperty('DEPLOY_ENVIRONMENT');
    expect(stackCommands({ action: 'plan', stack: 'data', environment: 'prod', outdir: '/tmp/out' })[2].argv[1]).toBe('-chdir=/tmp/out/stacks/prod-data');
  });

  it('knows the edge stack and the per-service stacks', () => {
    expect(lines('plan', 'svc-api', 'dev')[2]).toBe('terraform -chdir=cdktf.out/stacks/dev-svc-api plan -input=false');
    expect(lines('plan', 'edge', 'dev')[2]).toBe('terraform -chdir=cdktf.out/stacks/dev-edge plan -input=false');
    expect(() => stackCommands({ action: 'plan', stack: 'svc-', environment: 'dev' })).toThrow('unknown stack svc-');
  });

  it('refuses to guess an environment or a stack (usage, exit 2)', () => {
    expect(() => stackCommands({ action: 'deploy', stack: 'data', environment: undefined })).toThrow(CliError);
    expect(() => stackCommands({ action: 'deploy', stack: 'data', environment: undefined })).toThrow('--env is required');
    expect(() => stackCommands({ action: 'plan', stack: 'database', environment: 'dev' })).toThrow('unknown stack database');
    try {
      stackCommands({ action: 'plan', stack: 'database', environment: 'dev' });
    } catch (error) {
      expect((error as CliError).exitCode).toBe(2);
    }
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

  it('nx run stack-edge:deploy:prod --dry-run prints every command, upstream stacks first', async () => {
    const { stdout: raw } = await run('npx', ['nx', 'run', 'stack-edge:deploy:prod', '--dry-run', '--output-style=static'], {
      cwd: REPO_ROOT,
      env: DRY_ENV,
    });
    // Nx colours its task headers even when piped on some terminals; compare the plain text.
    const stdout = stripVTControlCharacters(raw);
    const applies = stdout.split('\n').filter((line) => / apply -input=false -auto-approve$/.test(line));
    expect(applies.map((line) => /-chdir=cdktf\.out\/stacks\/prod-([\w-]+) /.exec(line)?.[1])).toEqual(['state', 'network', 'edge']);
    expect(stdout).toContain('DEPLOY_ENVIRONMENT=prod tsx --tsconfig infra/tsconfig.json infra/main.ts');
    expect(stdout).toContain('> nx run stack-state:deploy:prod --dry-run');
  }, 120_000);

  describe('run for real, with a stand-in terraform on PATH', () => {
    let dir: string;
    const stackBin = (args: string[], env: Record<string, string> = {}) =>
      run(process.execPath, ['--import', require.resolve('tsx'), join(__dirname, '../src/stack-bin.ts'), ...args], {
        cwd: REPO_ROOT,
        env: {
          ...DRY_ENV,
          DEPLOY_PLAN_DRY_RUN: '',
          PATH: `${join(dir, 'bin')}:${join(REPO_ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
          CDKTF_OUTDIR: join(dir, 'out'),
          STANDIN_LOG: join(dir, 'terraform.log'),
          ...env,
        },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const calls = () => (existsSync(join(dir, 'terraform.log')) ? readFileSync(join(dir, 'terraform.log'), 'utf8').trim().split('\n') : []);

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'deploy-plan-stack-'));
      mkdirSync(join(dir, 'bin'));
      // Records its arguments and whether the directory it is pointed at holds a synthesized stack.
      writeFileSync(
        join(dir, 'bin', 'terraform'),
        [
          '#!/usr/bin/env node',
          "const fs = require('node:fs');",
          'const args = process.argv.slice(2);',
          "const chdir = (args.find((a) => a.startsWith('-chdir=')) ?? '').slice('-chdir='.length);",
          "const synthesized = fs.existsSync(`${chdir}/cdk.tf.json`) ? 'synthesized' : 'missing';",
          "fs.appendFileSync(process.env.STANDIN_LOG, `${args.join(' ')} (${synthesized})\\n`);",
          "process.exit(args.includes(process.env.STANDIN_FAIL_ON ?? '-') ? 3 : 0);",
        ].join('\n'),
        { mode: 0o755 },
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('plan synthesizes the stack, then runs terraform init and plan in its directory', async () => {
      const result = await stackBin(['plan', 'edge', '--env', 'dev']);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const stackDir = join(dir, 'out', 'stacks', 'dev-edge');
      expect(calls()).toEqual([`-chdir=${stackDir} init -input=false (synthesized)`, `-chdir=${stackDir} plan -input=false (synthesized)`]);
      expect(result.stdout.split('\n')[0]).toBe(`CHECKPOINT_DISABLE=1 CDKTF_OUTDIR=${join(dir, 'out')} ENVIRONMENTS=dev STACKS=edge tsx --tsconfig infra/tsconfig.json infra/main.ts`);
    }, 180_000);

    it("exits with terraform's own code when it fails, and runs nothing after it", async () => {
      rmSync(join(dir, 'terraform.log'), { force: true });
      const result = await stackBin(['plan', 'edge', '--env', 'dev'], { STANDIN_FAIL_ON: 'init' });
      expect(result.code).toBe(3);
      expect(calls()).toEqual([`-chdir=${join(dir, 'out', 'stacks', 'dev-edge')} init -input=false (synthesized)`]);
    }, 180_000);

    it('answers bad usage with one line and exit 2, and --help with the usage', async () => {
      const bad = await stackBin(['apply', 'edge', '--env', 'dev']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^stack: expected <plan\|deploy> <stack>, got apply edge\nusage: stack-bin\.ts/);
      const unknown = await stackBin(['plan', 'edge', '--envs', 'dev']);
      expect(unknown).toMatchObject({ code: 2, stderr: "stack: Unknown option '--envs' (usage: stack-bin.ts <plan|deploy> <stack> --env <env> [--dry-run]; --help for more)\n" });
      expect((await stackBin(['--help'])).stdout).toMatch(/^usage: stack-bin\.ts <plan\|deploy> <stack>/);
    }, 60_000);
  });
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
      const notAnImage = await run(process.execPath, ['--import', require.resolve('tsx'), join(__dirname, '../src/docker-build-bin.ts'), 'shared', '--dry-run'], {
        cwd: fixture.dir,
        env: DRY_ENV,
      }).catch((error: { code: number; stderr: string }) => error);
      expect(notAnImage).toMatchObject({ code: 2, stderr: 'docker-build: shared is not an image project (known: api, worker)\n' });
    } finally {
      fixture.remove();
    }
  });
});
