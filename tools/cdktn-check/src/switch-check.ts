import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareSynth, type SynthComparison } from './compare-synth';
import { toCdktn } from './rewrite-imports';
import { CDKTN_PACKAGES } from './versions';

const SOURCE = /\.(c|m)?(t|j)s$/;
/** Resolved from the cdktn install instead of the workspace: the swapped packages and their shared peer. */
const SWAPPED = new Set(['cdktf', 'constructs', '@cdktn']);

export interface SwitchCheckOptions {
  readonly workspaceRoot: string;
  /** Scratch folder (created): the copy, both synth outputs. */
  readonly workDir: string;
  /** Where the cdktn packages are installed; reused when it already holds these versions. */
  readonly depsDir: string;
  readonly log?: (line: string) => void;
}

export interface SwitchCheckResult {
  readonly comparison: SynthComparison;
  readonly rewrittenFiles: string[];
  readonly versions: { cdktf: string; cdktfProviderAws: string; cdktn: string; cdktnProviderAws: string; constructs: string };
}

function versionOf(nodeModules: string, name: string): string {
  return (JSON.parse(readFileSync(path.join(nodeModules, name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Installs the cdktn packages into `depsDir` (npm registry), unless a previous run left the same set. */
export function installCdktn(depsDir: string, log: (line: string) => void): void {
  const marker = path.join(depsDir, 'cdktn-check.json');
  const wanted = JSON.stringify(CDKTN_PACKAGES);
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  mkdirSync(depsDir, { recursive: true });
  writeFileSync(path.join(depsDir, 'package.json'), '{ "private": true }\n');
  const specs = Object.entries(CDKTN_PACKAGES).map(([name, version]) => `${name}@${version}`);
  log(`installing ${specs.join(' ')} into ${depsDir}`);
  execFileSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', ...specs], {
    cwd: depsDir,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 600_000,
  });
  writeFileSync(marker, wanted);
}

/** Copies the work tree (tracked and untracked, not ignored) and swaps the imports in every source file. */
export function scratchCopy(workspaceRoot: string, dest: string): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: workspaceRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  const rewritten: string[] = [];
  for (const file of listed.split('\0').filter(Boolean)) {
    const from = path.join(workspaceRoot, file);
    if (!existsSync(from)) continue; // deleted in the work tree
    const to = path.join(dest, file);
    mkdirSync(path.dirname(to), { recursive: true });
    if (!SOURCE.test(file)) {
      copyFileSync(from, to);
      continue;
    }
    const text = readFileSync(from, 'utf8');
    const swapped = toCdktn(text);
    writeFileSync(to, swapped);
    if (swapped !== text) rewritten.push(file);
  }
  return rewritten;
}

/** The copy's node_modules: the workspace's packages, except cdktf, @cdktf/provider-aws and constructs, which come from the cdktn install. */
export function linkNodeModules(workspaceRoot: string, dest: string, depsDir: string): void {
  const own = path.join(workspaceRoot, 'node_modules');
  const target = path.join(dest, 'node_modules');
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(own)) {
    if (SWAPPED.has(entry)) continue;
    if (entry === '@cdktf') {
      mkdirSync(path.join(target, entry));
      for (const pkg of readdirSync(path.join(own, entry)).filter((p) => p !== 'provider-aws')) symlinkSync(path.join(own, entry, pkg), path.join(target, entry, pkg));
      continue;
    }
    symlinkSync(path.join(own, entry), path.join(target, entry));
  }
  for (const entry of ['cdktn', '@cdktn', 'constructs']) symlinkSync(path.join(depsDir, 'node_modules', entry), path.join(target, entry));
}

/** Runs the app command of cdktf.json in `dir` (as `cdktf synth` / `cdktn synth` do), writing to `outdir`. */
export function synth(dir: string, outdir: string): void {
  const { app } = JSON.parse(readFileSync(path.join(dir, 'cdktf.json'), 'utf8')) as { app: string };
  execFileSync('sh', ['-c', app], {
    cwd: dir,
    env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 << 20,
    timeout: 600_000,
  });
}

/**
 * Synthesizes every stack with the workspace's cdktf and, on a scratch copy whose imports are swapped,
 * with cdktn, then compares each stack's cdk.tf.json.
 */
export function runSwitchCheck(options: SwitchCheckOptions): SwitchCheckResult {
  const log = options.log ?? (() => undefined);
  const copy = path.join(options.workDir, 'workspace');
  const cdktfOut = path.join(options.workDir, 'cdktf.out');
  const cdktnOut = path.join(options.workDir, 'cdktn.out');
  installCdktn(options.depsDir, log);
  log(`synthesizing with cdktf into ${cdktfOut}`);
  synth(options.workspaceRoot, cdktfOut);
  const rewrittenFiles = scratchCopy(options.workspaceRoot, copy);
  linkNodeModules(options.workspaceRoot, copy, options.depsDir);
  log(`synthesizing with cdktn (${rewrittenFiles.length} files with swapped imports) into ${cdktnOut}`);
  synth(copy, cdktnOut);
  const own = path.join(options.workspaceRoot, 'node_modules');
  const deps = path.join(options.depsDir, 'node_modules');
  return {
    comparison: compareSynth(cdktfOut, cdktnOut),
    rewrittenFiles,
    versions: {
      cdktf: versionOf(own, 'cdktf'),
      cdktfProviderAws: versionOf(own, '@cdktf/provider-aws'),
      cdktn: versionOf(deps, 'cdktn'),
      cdktnProviderAws: versionOf(deps, '@cdktn/provider-aws'),
      constructs: versionOf(deps, 'constructs'),
    },
  };
}
