import { minimatch } from 'minimatch';

/** One entry of a target's `inputs`, as Nx reads it (named inputs, file globs, `^` for dependencies). */
export type InputEntry = string | { readonly fileset?: string; readonly input?: string; readonly dependencies?: boolean };

export interface ProjectInputs {
  readonly name: string;
  readonly root: string;
  /** Named inputs of nx.json merged with the project's own. */
  readonly namedInputs: Readonly<Record<string, readonly InputEntry[]>>;
}

/** A set of globs over workspace paths: a file is in it if a positive glob matches and no negation does. */
export interface FileSet {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

/**
 * The file sets a target's inputs hash, expanded the way Nx does: named inputs recursively,
 * `{projectRoot}` and `{workspaceRoot}` replaced, `^name` applied to every (transitive) dependency.
 */
export function fileSetsOf(
  inputs: readonly InputEntry[],
  project: ProjectInputs,
  dependencies: readonly ProjectInputs[],
): FileSet[] {
  const sets: FileSet[] = [];
  for (const entry of inputs) {
    const text = typeof entry === 'string' ? entry : (entry.fileset ?? (entry.input ? `${entry.dependencies ? '^' : ''}${entry.input}` : undefined));
    if (text === undefined) continue;
    if (text.startsWith('^')) {
      for (const dep of dependencies) sets.push(expand(text.slice(1), dep));
    } else {
      sets.push(expand(text, project));
    }
  }
  return sets;
}

function expand(text: string, project: ProjectInputs, seen: ReadonlySet<string> = new Set()): FileSet {
  const named = project.namedInputs[text];
  if (named === undefined) {
    const negated = text.startsWith('!');
    const glob = (negated ? text.slice(1) : text).replace('{projectRoot}', project.root).replace('{workspaceRoot}/', '');
    return negated ? { include: [], exclude: [glob] } : { include: [glob], exclude: [] };
  }
  if (seen.has(text)) return { include: [], exclude: [] };
  const include: string[] = [];
  const exclude: string[] = [];
  for (const entry of named) {
    if (typeof entry !== 'string') continue;
    const part = expand(entry, project, new Set([...seen, text]));
    include.push(...part.include);
    exclude.push(...part.exclude);
  }
  return { include, exclude };
}

const match = (file: string, glob: string) => minimatch(file, glob, { dot: true });

export function isCovered(file: string, sets: readonly FileSet[]): boolean {
  return sets.some((set) => set.include.some((g) => match(file, g)) && !set.exclude.some((g) => match(file, g)));
}

/** The workspace files a read glob stands for: files it matches, or files under a folder it matches. */
export function filesRead(read: string, workspaceFiles: readonly string[]): string[] {
  return workspaceFiles.filter((file) => match(file, read) || match(file, `${read}/**`));
}
