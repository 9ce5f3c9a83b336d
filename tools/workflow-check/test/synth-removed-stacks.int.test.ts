import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { workspaceCopy } from '@platform/cli-support';
import { REPO_ROOT } from '../src';

/**
 * synth-removed-stacks.sh as a deploy runs it after a service is removed: no BASE_CDKTF_OUT, so it
 * checks the plan's base out in a git worktree, installs and synthesizes the destroyed stack there,
 * and adds it to this commit's synth. Everything is real except the install: `npm ci` links the
 * workspace's node_modules (the same lockfile) instead of downloading them again.
 */
const SCRIPT = path.join(REPO_ROOT, '.github/scripts/synth-removed-stacks.sh');

describe('synth-removed-stacks.sh from the base commit (worktree, install, synth)', () => {
  let work: string;
  let standIns: string;
  let base: string;

  const git = (...args: string[]) => execFileSync('git', args, { cwd: work, encoding: 'utf8' }).trim();

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'removed-stacks-'));
    base = workspaceCopy(REPO_ROOT, work);
    standIns = mkdtempSync(path.join(tmpdir(), 'npm-ci-'));
    const npm = path.join(standIns, 'npm');
    const realNpm = execFileSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
    writeFileSync(npm, `#!/usr/bin/env bash\nif [ "$1" = ci ]; then echo "npm ci (linked) in $PWD" >&2; ln -s ${JSON.stringify(path.join(REPO_ROOT, 'node_modules'))} node_modules; exit 0; fi\nexec ${JSON.stringify(realNpm)} "$@"\n`);
    chmodSync(npm, 0o755);

    // The change: purge-expired is removed from the catalog; this commit's synth no longer has its stack.
    git('rm', '-r', '--quiet', 'apps/purge-expired');
    git('commit', '--quiet', '--no-verify', '-m', 'remove purge-expired');
    const synth = spawnSync('npm', ['run', 'synth'], { cwd: work, encoding: 'utf8', env: { ...process.env, ENVIRONMENTS: 'dev', CHECKPOINT_DISABLE: '1', NX_DAEMON: 'false' } });
    if (synth.status !== 0) throw new Error(`synth of the change failed: ${synth.stderr}`);
  }, 300_000);

  afterAll(() => {
    if (work) {
      // The script's worktree of the base lives in its own temporary folder.
      const worktrees = git('worktree', 'list', '--porcelain').split('\n').filter((line) => line.startsWith('worktree ')).map((line) => line.slice('worktree '.length));
      for (const dir of worktrees.filter((dir) => path.resolve(dir) !== path.resolve(work))) rmSync(path.dirname(dir), { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    }
    if (standIns) rmSync(standIns, { recursive: true, force: true });
  });

  it('adds the destroyed stack, synthesized at the base, to this commit synth', () => {
    const out = path.join(work, 'cdktf.out');
    const manifest = () => JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { workingDirectory: string }> };
    expect(Object.keys(manifest().stacks)).not.toContain('dev-svc-purge-expired');
    const plan = path.join(work, 'deploy-plan.json');
    writeFileSync(plan, JSON.stringify({ base, environments: [{ name: 'dev', stacks: [{ name: 'svc-purge-expired', action: 'destroy', layer: 0 }] }] }));

    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${standIns}:${process.env.PATH}`, CHECKPOINT_DISABLE: '1', NX_DAEMON: 'false' };
    delete env.BASE_CDKTF_OUT;
    const result = spawnSync('bash', [SCRIPT, 'dev', plan], { cwd: work, encoding: 'utf8', env, timeout: 240_000 });
    expect([result.status, result.stderr]).toEqual([0, expect.stringContaining('added dev-svc-purge-expired from the base\'s synth, to destroy it')]);
    expect(result.stderr).toContain('npm ci (linked) in');

    const entry = manifest().stacks['dev-svc-purge-expired'];
    expect(entry).toBeDefined();
    const stack = JSON.parse(readFileSync(path.join(out, entry.workingDirectory, 'cdk.tf.json'), 'utf8')) as {
      terraform: { backend: { s3: { key: string } } };
      resource: Record<string, unknown>;
    };
    // What a destroy needs: the stack's own state key and its resources as the base had them.
    expect(stack.terraform.backend.s3.key).toBe('dev/svc-purge-expired.tfstate');
    expect(Object.keys(stack.resource)).toEqual(expect.arrayContaining(['aws_ecs_task_definition', 'aws_scheduler_schedule']));
    // Only the missing stack is added: the stacks this commit still has are its own.
    expect(Object.keys(manifest().stacks).filter((id) => id.startsWith('dev-svc-')).sort()).toEqual(['dev-svc-api', 'dev-svc-purge-expired', 'dev-svc-worker']);
    expect(existsSync(path.join(out, 'stacks', 'dev-svc-api', 'cdk.tf.json'))).toBe(true);
  }, 300_000);
});
