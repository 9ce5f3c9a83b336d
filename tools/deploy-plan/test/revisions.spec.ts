import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../src/cli-error';
import { computeDeployPlan } from '../src/deploy-plan-command';
import { FixtureWorkspace } from './fixture-workspace';

describe('revisions and working tree checks', () => {
  let fixture: FixtureWorkspace;
  beforeAll(() => {
    fixture = FixtureWorkspace.create();
  });
  afterAll(() => fixture.remove());

  const failure = async (options: Parameters<typeof computeDeployPlan>[0]) => {
    const error = await computeDeployPlan(options).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).not.toBe(0);
    return (error as CliError).message;
  };

  it('rejects an unknown revision by name', async () => {
    expect(await failure({ cwd: fixture.dir, base: 'no-such-branch' })).toBe(
      '--base no-such-branch is not a known revision in this repository',
    );
  });

  it('rejects a revision that looks like an option', async () => {
    expect(await failure({ cwd: fixture.dir, base: '--output=x' })).toContain('is not a git revision');
  });

  it('rejects a dirty working tree and names the files', async () => {
    fixture.branchFromBase('dirty');
    fixture.append('apps/api/src/main.ts', '// unsaved\n');
    try {
      const message = await failure({ cwd: fixture.dir, base: fixture.baseCommit });
      expect(message).toContain('uncommitted change(s) (apps/api/src/main.ts)');
    } finally {
      fixture.git('checkout', '--', 'apps/api/src/main.ts');
    }
  });

  it('rejects untracked files too (Nx would read them)', async () => {
    fixture.branchFromBase('untracked');
    fixture.write('libs/shared/src/new-file.ts', 'export {};\n');
    try {
      expect(await failure({ cwd: fixture.dir, base: fixture.baseCommit })).toContain('libs/shared/src/new-file.ts');
    } finally {
      rmSync(join(fixture.dir, 'libs/shared/src/new-file.ts'));
    }
  });

  it('rejects a head that is not the checked-out commit', async () => {
    const head = fixture.change('moved-on', { 'README.md': 'x\n' });
    fixture.branchFromBase('behind');
    expect(await failure({ cwd: fixture.dir, base: fixture.baseCommit, head })).toContain('is not the checked-out commit');
  });

  it('in a shallow clone without the base, says so instead of planning everything', async () => {
    fixture.change('shallow-head', { 'apps/api/src/main.ts': 'export {};\n' });
    const clones = mkdtempSync(join(tmpdir(), 'deploy-plan-shallow-'));
    const clone = join(clones, 'repo');
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'shallow-head', `file://${fixture.dir}`, clone]);
      const message = await failure({ cwd: clone, base: fixture.baseCommit });
      expect(message).toContain('is not in this clone, which is shallow');
    } finally {
      rmSync(clones, { recursive: true, force: true });
    }
  });

  it('rejects a directory that is not an Nx workspace', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'deploy-plan-empty-'));
    try {
      expect(await failure({ cwd: empty, base: 'HEAD' })).toContain('no nx.json');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
