import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The generator for real: `npx nx g @platform/plugin:service` in a temporary copy of this workspace (its
 * tracked and untracked files as they are now, a fresh git repository, node_modules symlinked), then the new
 * service's own tests, lint and typecheck, the catalog, and, where the per-service infra already exists,
 * synth + policy check of its stack `svc-<name>` and the deploy plan. Slow (minutes): an integration test.
 */

const REPO_ROOT = join(__dirname, '..', '..', '..');
const ENV = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  CHECKPOINT_DISABLE: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

interface Run {
  readonly status: number | null;
  readonly output: string;
  readonly ms: number;
}

function run(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Run {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, env: { ...ENV, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, ms: Date.now() - started };
}

/** Runs and fails the test with the command's output when it exits non-zero. */
function ok(cwd: string, command: string, args: string[], env: Record<string, string> = {}): Run {
  const result = run(cwd, command, args, env);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.output.slice(-4000)}`);
  return result;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Source files (not tests) of a folder contain `text`: how this test sees whether a feature is there yet. */
function sourcesMention(dir: string, text: string): boolean {
  if (!existsSync(dir)) return false;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test' && sourcesMention(path, text)) return true;
    } else if (entry.name.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(entry.name) && readFileSync(path, 'utf8').includes(text)) {
      return true;
    }
  }
  return false;
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
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\0')
      .filter((f) => f && existsSync(join(REPO_ROOT, f)));
    for (const file of files) {
      mkdirSync(dirname(join(work, file)), { recursive: true });
      cpSync(join(REPO_ROOT, file), join(work, file));
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
    git(work, 'init', '--quiet', '--initial-branch=main');
    git(work, 'config', 'user.email', 'plugin-test@example.com');
    git(work, 'config', 'user.name', 'plugin test');
    git(work, 'add', '-A');
    git(work, 'commit', '--quiet', '--no-verify', '-m', 'workspace copy');
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each(KINDS)('--kind=$kind: writes only apps/$name/, its tests pass, the catalog has it, infra and the deploy plan follow', ({ kind, name, args }) => {
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

    // Per-service stacks are being added to infra concurrently: check them where infra already has them.
    if (sourcesMention(join(work, 'infra'), 'svc-')) {
      ok(work, 'npm', ['run', 'synth'], { ENVIRONMENTS: 'dev', STACKS: `svc-${name}` });
      expect(existsSync(join(work, 'cdktf.out', 'stacks', `dev-svc-${name}`, 'cdk.tf.json'))).toBe(true);
      ok(work, 'npm', ['run', 'policy:check']);
      process.stdout.write(`[${name}] generator start -> synth + policy check of svc-${name} green: ${Date.now() - started} ms\n`);
    } else {
      process.stdout.write(`[${name}] skip: infra has no per-service stacks (svc-<name>) yet; no synth/policy check of svc-${name}\n`);
    }

    git(work, 'add', '-A');
    git(work, 'commit', '--quiet', '--no-verify', '-m', `add ${name}`);
    const head = git(work, 'rev-parse', 'HEAD');
    if (existsSync(join(work, 'tools', 'deploy-plan', 'src', 'bin.ts'))) {
      const plan = ok(work, 'npm', ['run', '--silent', 'deploy:plan', '--', '--base', base, '--head', head, '--json']);
      const parsed = JSON.parse(plan.output.slice(plan.output.indexOf('{'))) as {
        images: { project: string }[];
        environments: { name: string; stacks: { name: string }[] }[];
      };
      expect(parsed.images.map((i) => i.project)).toContain(name);
      if (sourcesMention(join(work, 'tools', 'deploy-plan', 'src'), 'svc-')) {
        for (const environment of parsed.environments) expect(environment.stacks.map((s) => s.name)).toContain(`svc-${name}`);
      } else {
        process.stdout.write(`[${name}] skip: deploy-plan has no per-service stacks yet; checked the image only\n`);
      }
    } else {
      process.stdout.write(`[${name}] skip: no tools/deploy-plan\n`);
    }

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
