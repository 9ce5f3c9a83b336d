import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FixtureWorkspace, REPO_ROOT } from './fixture-workspace';

const run = promisify(execFile);
const BIN = join(__dirname, '..', 'src', 'bin.ts');
// The planner's own @platform/* imports resolve through this repository's tsconfig, whatever the cwd.
const ENV = { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'tsconfig.json') };

/** The real bin in a real process, cwd = the workspace (so Nx runs in-process, as in CI). */
async function cli(cwd: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', require.resolve('tsx'), BIN, ...args], { cwd, env: ENV });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('deploy-plan CLI', () => {
  let fixture: FixtureWorkspace;
  let head: string;
  beforeAll(() => {
    fixture = FixtureWorkspace.create();
    head = fixture.change('api', { 'apps/api/src/main.ts': 'export const port = 3000;\n' });
  });
  afterAll(() => fixture.remove());

  it('--json prints exactly images and environments', async () => {
    const { code, stdout } = await cli(fixture.dir, ['--base', fixture.baseCommit, '--head', head, '--json']);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(Object.keys(plan)).toEqual(['images', 'environments']);
    expect(Object.keys(plan.images[0])).toEqual(['project', 'dockerfile', 'repository', 'tag']);
    expect(plan.environments).toEqual(
      ['dev', 'staging', 'prod'].map((name) => ({ name, stacks: [{ name: 'svc-api', reasons: ['api'], action: 'apply', layer: 0 }] })),
    );
  });

  it('--github-matrix prints an image matrix and one ordered job per environment', async () => {
    const { code, stdout } = await cli(fixture.dir, ['--base', fixture.baseCommit, '--github-matrix', '--env', 'prod']);
    expect(code).toBe(0);
    const matrix = JSON.parse(stdout);
    expect(matrix.hasImages).toBe(true);
    expect(matrix.images.include).toEqual([
      expect.objectContaining({ project: 'api', dockerfile: 'apps/api/Dockerfile', repository: 'fargate-platform/api' }),
    ]);
    expect(matrix.environments.include).toEqual([
      { environment: 'prod', stacks: 'svc-api', destroys: '' },
    ]);
  });

  it('prints a readable table by default', async () => {
    const { code, stdout } = await cli(fixture.dir, ['--base', fixture.baseCommit, '--env', 'dev']);
    expect(code).toBe(0);
    expect(stdout).toContain('Images to build:');
    expect(stdout).toMatch(/api\s+apps\/api\/Dockerfile\s+fargate-platform\/api\s+nx-\d+/);
    expect(stdout).toMatch(/Stacks for dev, in order:\n\s+#\s+LAYER\s+STACK\s+ACTION\s+BECAUSE OF\n\s+1\s+0\s+svc-api\s+apply\s+api/);
  });

  it('bad input gets one line on stderr and a non-zero exit, never a stack trace', async () => {
    const unknownEnv = await cli(fixture.dir, ['--base', fixture.baseCommit, '--env', 'qa']);
    expect(unknownEnv.code).toBe(1);
    expect(unknownEnv.stderr).toBe('deploy-plan: unknown environment qa (known: dev, staging, prod)\n');
    const missingBase = await cli(fixture.dir, ['--json']);
    expect(missingBase.code).toBe(2);
    expect(missingBase.stderr).toMatch(/^deploy-plan: --base <rev> is required\nUsage:/);
    const unknownRevision = await cli(fixture.dir, ['--base', 'v999']);
    expect(unknownRevision.code).toBe(1);
    expect(unknownRevision.stderr).toBe('deploy-plan: --base v999 is not a known revision in this repository\n');
  });

  it('--help prints the usage with the exit codes and exits 0; an unknown option is usage, exit 2', async () => {
    const help = await cli(fixture.dir, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run --silent deploy:plan -- --base <rev>/);
    expect(help.stdout).toContain('exit 0 the plan, 1 the planner refuses');
    const unknown = await cli(fixture.dir, ['--base', 'HEAD', '--jsn']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^deploy-plan: Unknown option '--jsn' \(Usage: npm run --silent deploy:plan .*; --help for more\)\n$/);
  });

  it('a dirty tree exits 1 with one line naming the files', async () => {
    fixture.write('apps/api/src/unsaved.ts', 'export {};\n');
    try {
      const dirty = await cli(fixture.dir, ['--base', fixture.baseCommit]);
      expect(dirty.code).toBe(1);
      expect(dirty.stdout).toBe('');
      expect(dirty.stderr).toBe(
        'deploy-plan: the working tree has 1 uncommitted change(s) (apps/api/src/unsaved.ts): commit or discard them, image tags must describe a commit\n',
      );
    } finally {
      rmSync(join(fixture.dir, 'apps/api/src/unsaved.ts'));
    }
  });

  it('a shallow clone without the base exits 1 and says to fetch the history', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'deploy-plan-cli-shallow-'));
    try {
      const clone = join(parent, 'repo');
      await run('git', ['clone', '-q', '--depth', '1', '--branch', 'api', `file://${fixture.dir}`, clone]);
      const shallow = await cli(clone, ['--base', fixture.baseCommit]);
      expect(shallow.code).toBe(1);
      expect(shallow.stderr).toMatch(/^deploy-plan: --base [0-9a-f]{40} is not in this clone, which is shallow: fetch the history .*\n$/);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('runs on this repository too (smoke: parses, exits with a message or a plan)', async () => {
    const { code, stdout, stderr } = await cli(REPO_ROOT, ['--base', 'HEAD', '--json']);
    // The shared checkout is often dirty while people work; both outcomes are well-formed.
    if (code === 0) expect(JSON.parse(stdout).images).toEqual([]);
    else expect(stderr).toMatch(/^deploy-plan: the working tree has \d+ uncommitted change/);
  });
});
