import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A scratch copy of a workspace as it is now (tracked and untracked files, not ignored ones), as a
 * fresh git repository with one commit, and `node_modules` symlinked from the original (kept out of
 * git by `.git/info/exclude`: a symlink is not matched by `node_modules/` in .gitignore). For tests
 * and benchmarks that run generators, synth or the planner on a workspace they may change.
 */
export function workspaceCopy(workspaceRoot: string, target: string): string {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: workspaceRoot, encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\0')
    .filter((file) => file && existsSync(join(workspaceRoot, file)));
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    cpSync(join(workspaceRoot, file), join(target, file));
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(target, 'node_modules'), 'dir');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: target, encoding: 'utf8' }).trim();
  git('init', '--quiet', '--initial-branch=main');
  appendFileSync(join(target, '.git', 'info', 'exclude'), 'node_modules\n');
  git('config', 'user.email', 'workspace-copy@example.com');
  git('config', 'user.name', 'workspace copy');
  git('add', '-A');
  git('commit', '--quiet', '--no-verify', '-m', 'workspace copy');
  return git('rev-parse', 'HEAD');
}
