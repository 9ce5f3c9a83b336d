import * as path from 'node:path';
import type { AddedBlock } from './added-lines';
import { CliError } from './cli-error';
import { countCommits, defaultBase, logPatch, repoRoot, resolveCommit } from './git';
import { IGNORE_FILE_NAME, IgnoreList } from './ignore-list';
import { parsePatch } from './parse-patch';
import { expandPaths, readFileBlock } from './read-files';
import { type DetectorSelection, scanBlock, type SecretFinding } from './scan-block';

export interface ScanOptions extends DetectorSelection {
  /** Scan the commits in `base..head`. */
  readonly base?: string;
  readonly head?: string;
  /** Scan every commit reachable from `head`, the root commit included. */
  readonly history?: boolean;
  /** Files or directories to scan whole. */
  readonly files?: readonly string[];
  /** Allowlist of path globs; default `<repository root>/.secrets-scan-ignore`. */
  readonly ignoreFile?: string;
  readonly cwd?: string;
}

export interface ScanResult {
  /** Present when commits were scanned. */
  readonly range?: { readonly base: string | null; readonly head: string; readonly baseFrom: string };
  readonly commits: number;
  readonly files: number;
  readonly lines: number;
  /** Files skipped by the allowlist, sorted. */
  readonly ignored: string[];
  /** Files skipped as binary (file mode). */
  readonly binary: string[];
  readonly findings: SecretFinding[];
}

/** Scans the added lines of a commit range and/or whole files. Bad input throws `CliError` (exit 2). */
export function scan(options: ScanOptions): ScanResult {
  const cwd = options.cwd ?? process.cwd();
  const files = options.files ?? [];
  if (!(options.minConfidence >= 0 && options.minConfidence <= 1)) {
    throw new CliError(`--min-confidence must be a number from 0 to 1, got ${String(options.minConfidence)}`);
  }
  if (options.history && options.base !== undefined) throw new CliError('--history scans all of --head\'s history; it cannot be combined with --base');
  const diffMode = options.base !== undefined || options.head !== undefined || options.history === true || files.length === 0;
  const root = repoRoot(cwd);
  if (diffMode && root === null) throw new CliError(`${cwd} is not in a git repository (give files to scan them without git)`);

  // Allowlist patterns are relative to the repository root (or the working directory outside one).
  const patternsRoot = root ?? cwd;
  const ignoreList = options.ignoreFile
    ? IgnoreList.load(path.resolve(cwd, options.ignoreFile), true)
    : IgnoreList.load(path.join(patternsRoot, IGNORE_FILE_NAME), false);

  const blocks: AddedBlock[] = [];
  const ignored = new Set<string>();
  let range: ScanResult['range'];
  let commits = 0;
  if (diffMode && root !== null) {
    const head = resolveCommit(cwd, options.head ?? 'HEAD', '--head');
    let base: { sha: string; from: string } | null = null;
    if (!options.history) base = options.base !== undefined ? { sha: resolveCommit(cwd, options.base, '--base'), from: '--base' } : defaultBase(cwd, head);
    range = { base: base?.sha ?? null, head, baseFrom: base?.from ?? '--history' };
    const patch = logPatch(cwd, { base: base?.sha, head });
    commits = countCommits(patch);
    for (const block of parsePatch(patch)) {
      if (ignoreList.ignores(block.file)) ignored.add(block.file);
      else blocks.push(block);
    }
  }
  const binary: string[] = [];
  for (const file of expandPaths(files, cwd)) {
    const relative = path.relative(patternsRoot, file.absolute).split(path.sep).join('/');
    if (!relative.startsWith('../') && ignoreList.ignores(relative)) {
      ignored.add(file.display);
      continue;
    }
    const block = readFileBlock(file);
    if (block) blocks.push(block);
    else binary.push(file.display);
  }

  const findings = blocks.flatMap((b) => scanBlock(b, options));
  return {
    range,
    commits,
    files: new Set(blocks.map((b) => b.file)).size,
    lines: blocks.reduce((n, b) => n + b.lines.length, 0),
    ignored: [...ignored].sort(),
    binary,
    findings,
  };
}
