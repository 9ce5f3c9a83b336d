/**
 * A task's hash plan as the Nx CLI prints it (`taskPlans` of `nx run-many --graph=<file>.json`):
 * what Nx hashes for the task, one entry per line of work, with named inputs, `^` dependencies and
 * `{projectRoot}` already resolved by Nx. This module reads those entries and lists the workspace
 * files they cover; an entry of a kind it does not know is an error, so a change in Nx's plan
 * format stops the planner instead of silently dropping inputs.
 */
import { Minimatch } from 'minimatch';
import { LOCK_FILES } from './affected-by-file';

export type HashPlanEntry =
  /** Files of one project matching globs (`!` excludes), e.g. `api:apps/api/**\/*,!apps/api/**\/*.spec.ts`. */
  | { readonly kind: 'project-files'; readonly project: string; readonly patterns: readonly string[] }
  /** Workspace files matching globs, e.g. `workspace:[{workspaceRoot}/nx.json,...]`. */
  | { readonly kind: 'workspace-files'; readonly patterns: readonly string[] }
  /** The project's configuration as Nx resolved it (project.json, nx.json target defaults, plugins). */
  | { readonly kind: 'project-configuration'; readonly project: string }
  /** The root tsconfig as it concerns the project. */
  | { readonly kind: 'tsconfig'; readonly project: string }
  /** One npm package (`npm:<name>`), or all of them. */
  | { readonly kind: 'external'; readonly name: string }
  | { readonly kind: 'all-external' }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'runtime'; readonly command: string };

/** Parses plan entries; `projects` are the workspace's project names (entries start with one). */
export function parseHashPlan(taskId: string, entries: readonly string[], projects: ReadonlySet<string>): HashPlanEntry[] {
  return entries.map((entry): HashPlanEntry => {
    if (entry === 'AllExternalDependencies') return { kind: 'all-external' };
    if (entry.startsWith('npm:')) return { kind: 'external', name: entry };
    if (entry.startsWith('env:')) return { kind: 'env', name: entry.slice('env:'.length) };
    if (entry.startsWith('runtime:')) return { kind: 'runtime', command: entry.slice('runtime:'.length) };
    if (entry.startsWith('workspace:[') && entry.endsWith(']')) {
      const patterns = splitPatterns(entry.slice('workspace:['.length, -1)).map((p) => p.replace(/^(!?)\{workspaceRoot\}\//, '$1'));
      return { kind: 'workspace-files', patterns };
    }
    const colon = entry.indexOf(':');
    const project = colon > 0 ? entry.slice(0, colon) : '';
    const rest = entry.slice(colon + 1);
    if (projects.has(project)) {
      if (rest === 'ProjectConfiguration') return { kind: 'project-configuration', project };
      if (rest === 'TsConfig') return { kind: 'tsconfig', project };
      if (rest.length > 0 && !rest.includes('{')) return { kind: 'project-files', project, patterns: splitPatterns(rest) };
    }
    throw new Error(`the hash plan of ${taskId} holds "${entry}", an entry the planner does not know (did the Nx version change its plan format?)`);
  });
}

function splitPatterns(list: string): string[] {
  return list.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
}

/** The workspace, as far as a hash plan reads it: its files and which project owns each. */
export interface WorkspaceFiles {
  /** Every file Nx sees (not ignored), workspace-relative, sorted. */
  readonly all: readonly string[];
  /** Files by owning project. */
  readonly byProject: ReadonlyMap<string, readonly string[]>;
  /** The root tsconfig (tsconfig.base.json, else tsconfig.json), when there is one. */
  readonly rootTsConfig: string | null;
}

/**
 * The workspace files a plan covers: its project and workspace file sets, the root tsconfig when
 * the plan hashes it, and the lock file when it hashes npm packages (the planner's digest reads
 * package versions through the lock file, so the lock file must count as an input).
 */
export function filesOfPlan(plan: readonly HashPlanEntry[], files: WorkspaceFiles): string[] {
  const found = new Set<string>();
  for (const entry of plan) {
    if (entry.kind === 'project-files') matching(files.byProject.get(entry.project) ?? [], entry.patterns).forEach((f) => found.add(f));
    else if (entry.kind === 'workspace-files') matching(files.all, entry.patterns).forEach((f) => found.add(f));
    else if (entry.kind === 'tsconfig' && files.rootTsConfig !== null) found.add(files.rootTsConfig);
    else if (entry.kind === 'external' || entry.kind === 'all-external') lockFiles(files).forEach((f) => found.add(f));
  }
  return [...found].sort();
}

export function lockFiles(files: WorkspaceFiles): string[] {
  return files.all.filter((f) => LOCK_FILES.includes(f));
}

const compiled = new Map<string, Minimatch>();

/** Files matching at least one pattern and no `!` pattern (globs as Nx writes them, dotfiles included). */
export function matching(candidates: readonly string[], patterns: readonly string[]): string[] {
  const matcher = (pattern: string) => {
    let m = compiled.get(pattern);
    if (m === undefined) compiled.set(pattern, (m = new Minimatch(pattern, { dot: true })));
    return m;
  };
  const include = patterns.filter((p) => !p.startsWith('!')).map(matcher);
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => matcher(p.slice(1)));
  return candidates.filter((file) => include.some((m) => m.match(file)) && !exclude.some((m) => m.match(file)));
}
