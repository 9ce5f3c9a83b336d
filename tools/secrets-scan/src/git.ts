import { spawnSync } from 'node:child_process';
import { CliError } from './cli-error';

/** Large enough for the whole history of a big repository as one patch; beyond it git output is refused, not cut. */
const MAX_OUTPUT_BYTES = 1 << 30;

export interface GitResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs git without a shell; never reads the user's pager, colours or external diff drivers. */
export function git(cwd: string, args: readonly string[]): GitResult {
  const r = spawnSync('git', ['-c', 'core.quotePath=false', '-c', 'color.ui=false', ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: MAX_OUTPUT_BYTES,
    env: { ...process.env, GIT_PAGER: 'cat', GIT_EXTERNAL_DIFF: '' },
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError('git is not installed or not on PATH');
    if (code === 'ENOBUFS') throw new CliError(`git ${args[0]} printed more than ${MAX_OUTPUT_BYTES} bytes; scan a smaller range`);
    throw new CliError(`git ${args[0]} failed: ${r.error.message}`);
  }
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** The top-level directory of the repository containing `cwd`, or null outside a repository. */
export function repoRoot(cwd: string): string | null {
  const r = git(cwd, ['rev-parse', '--show-toplevel']);
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Full sha of the commit a revision names; a clear error (exit 2) for anything else. */
export function resolveCommit(cwd: string, rev: string, option: string): string {
  // `--end-of-options` keeps a revision such as `--output=x` from being read as an option.
  const r = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  if (r.status !== 0) throw new CliError(`${option}: unknown revision '${rev}' (not a commit in this repository; is it fetched? a shallow clone lacks history)`);
  return r.stdout.trim();
}

/**
 * The base used when none is given: the merge base with origin/main (what a pull request adds,
 * as nx-set-shas computes it), else the parent of HEAD.
 */
export function defaultBase(cwd: string, head: string): { sha: string; from: string } {
  const upstream = git(cwd, ['merge-base', 'origin/main', head]);
  if (upstream.status === 0) return { sha: upstream.stdout.trim(), from: 'merge base with origin/main' };
  const parent = git(cwd, ['rev-parse', '--verify', '--quiet', `${head}~1^{commit}`]);
  if (parent.status === 0) return { sha: parent.stdout.trim(), from: 'parent of the head commit' };
  throw new CliError('no default base: there is no origin/main and the head commit has no parent; give --base <rev> or --history');
}

/**
 * The patch of every commit in the range (`base..head`, or all of `head`'s history), added lines
 * only matter: `-U0` keeps the output to changed lines, `-M` reports a moved file as a rename
 * instead of as newly added lines. `--cc` gives a merge commit a combined diff, which shows only
 * what the merge itself introduced (conflict resolutions).
 */
export function logPatch(cwd: string, range: { base?: string; head: string }): string {
  const revs = range.base ? [`${range.base}..${range.head}`] : [range.head];
  const r = git(cwd, ['-c', 'log.showRoot=true', 'log', '--no-ext-diff', '--no-textconv', '-p', '--cc', '-U0', '-M', '--src-prefix=a/', '--dst-prefix=b/', `--format=${COMMIT_LINE_PREFIX}%H`, ...revs, '--']);
  if (r.status !== 0) throw new CliError(`git log failed: ${firstLine(r.stderr)}`);
  return r.stdout;
}

/** How many commits a `logPatch` output holds (with or without added lines). */
export function countCommits(patch: string): number {
  let n = 0;
  for (const line of patch.split('\n')) if (line.startsWith(COMMIT_LINE_PREFIX)) n += 1;
  return n;
}

/** Starts each commit in `logPatch` output; a diff line always starts with +, -, space, \ or a header word. */
export const COMMIT_LINE_PREFIX = '\x1ecommit ';

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
