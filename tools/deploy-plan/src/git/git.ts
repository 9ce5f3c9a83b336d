import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CliError } from '../cli-error';

const run = promisify(execFile);

/** Runs git in cwd; resolves with stdout, or null when git exits non-zero. */
export async function git(cwd: string, args: readonly string[]): Promise<string | null> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError('git is not installed or not on PATH');
    return null;
  }
}

export async function assertGitWorkTree(cwd: string): Promise<void> {
  const inside = await git(cwd, ['rev-parse', '--is-inside-work-tree']);
  if (inside?.trim() !== 'true') throw new CliError(`${cwd} is not inside a git work tree`);
}

/** Resolves a revision to a commit sha, or throws a message that says why it cannot. */
export async function resolveCommit(cwd: string, option: string, revision: string): Promise<string> {
  if (revision.length === 0 || revision.startsWith('-')) {
    throw new CliError(`${option} "${revision}" is not a git revision`);
  }
  const sha = await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]);
  if (sha !== null && sha.trim().length > 0) return sha.trim();
  const shallow = (await git(cwd, ['rev-parse', '--is-shallow-repository']))?.trim() === 'true';
  if (shallow) {
    throw new CliError(
      `${option} ${revision} is not in this clone, which is shallow: fetch the history (actions/checkout with fetch-depth: 0, or git fetch --unshallow) instead of treating everything as changed`,
    );
  }
  throw new CliError(`${option} ${revision} is not a known revision in this repository`);
}

/** Paths with uncommitted or untracked changes (git status --porcelain), empty when clean. */
export async function uncommittedPaths(cwd: string): Promise<string[]> {
  const status = await git(cwd, ['status', '--porcelain', '--untracked-files=normal']);
  if (status === null) throw new CliError('git status failed');
  return status
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => line.slice(3));
}
