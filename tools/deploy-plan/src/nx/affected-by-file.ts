/**
 * Which projects Nx marks affected when only one file changed, computed from the public project
 * graph (so every affected project can name the files that caused it; Nx itself answers for a whole
 * change set at once). It follows Nx's own rules, locator by locator:
 *
 * 1. the project that owns the file (nearest project root);
 * 2. global inputs: `nx.json` touches every project; a file matched by a `{workspaceRoot}/...`
 *    input of any target (named inputs expanded, negations ignored) touches that target's project;
 * 3. a deleted file that defines projects (project.json, package.json, a lock file, or a file a
 *    configured plugin creates projects from) touches every project;
 * 4. a root lock file touches every project (`projectsAffectedByDependencyUpdates: 'all'`, the default);
 * 5. the root package.json touches the npm packages whose entry under dependencies/devDependencies
 *    (or overrides/resolutions) changed, an Nx plugin or `nx` itself every project;
 * 6. the root tsconfig touches every project, unless only `compilerOptions.paths` changed: then the
 *    projects the changed paths point into;
 *
 * and then every project that depends on a touched one, directly or not (implicit dependencies
 * are edges of the graph too). `test/affected-by-file.spec.ts` holds each rule;
 * `test/affected-cross-check.spec.ts` compares the result with `nx show projects --affected`.
 */
import { Minimatch } from 'minimatch';
import { jsonDiff, type JsonChange } from './json-diff';
import type { FileImpact } from './nx-facts';
import type { ExternalGraphJson, InputDefinition, NxJson, ProjectGraphJson } from './nx-graph';
import { ProjectRoots } from './project-roots';

export interface FileChange {
  readonly file: string;
  /** False when head deleted the file. */
  readonly existsAtHead: boolean;
  /**
   * The root package.json and root tsconfig, parsed at base and head; null when either revision
   * cannot be read or parsed (Nx then treats the whole file as changed). Unused for other files.
   */
  readonly json?: { readonly base: unknown; readonly head: unknown } | null;
}

export interface AffectedWorkspace {
  readonly graph: ProjectGraphJson;
  readonly nxJson: NxJson;
  /** `tsconfig.base.json`, else `tsconfig.json`, when the workspace root has one. */
  readonly rootTsConfig: string | null;
  /**
   * Glob patterns of the files the configured plugins create projects from (their `createNodes`
   * glob); asked only when a change deletes a file. Built-in project files are always included.
   */
  readonly pluginProjectFileGlobs: () => readonly string[];
  /** npm nodes and their edges; required when `needsExternalGraph` says so for a change. */
  readonly externalGraph?: ExternalGraphJson;
}

/** Root lock files (a change touches every project) and files that define projects (a deletion does). */
export const LOCK_FILES = ['yarn.lock', 'package-lock.json', 'pnpm-lock.yaml', 'pnpm-lock.yml', 'bun.lockb', 'bun.lock'];
const BUILT_IN_PROJECT_FILE_GLOBS = [`{${LOCK_FILES.join(',')}}`, '{package.json,**/package.json,project.json,**/project.json}'];
const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies'];
const OVERRIDE_SECTIONS = ['overrides', 'resolutions'];

/** True when the change is to the root package.json in a way that touches npm packages, which the project-only graph does not hold. */
export function needsExternalGraph(change: FileChange): boolean {
  if (change.file !== 'package.json' || !change.existsAtHead) return false;
  if (change.json == null) return true;
  return jsonDiff(change.json.base, change.json.head).some((c) => isDependencyChange(c) || isOverrideChange(c));
}

/** Per-file affected projects for one workspace; the graph-derived tables are built once. */
export class AffectedByFile {
  private readonly allProjects: readonly string[];
  private readonly roots: ProjectRoots;
  private readonly implicitInputs: readonly { readonly matcher: Minimatch; readonly projects: '*' | readonly string[] }[];
  private readonly dependents = new Map<string, string[]>();
  private projectFileMatchers: readonly Minimatch[] | undefined;

  constructor(private readonly workspace: AffectedWorkspace) {
    const { graph, nxJson } = workspace;
    this.allProjects = Object.keys(graph.nodes);
    this.roots = new ProjectRoots(Object.values(graph.nodes).map((n) => ({ name: n.name, root: n.data.root })));
    this.implicitInputs = implicitInputs(workspace.graph, nxJson);
    const edges = [graph.dependencies, workspace.externalGraph?.dependencies ?? {}];
    for (const dependencies of edges) {
      for (const [source, list] of Object.entries(dependencies)) {
        for (const { target } of list) {
          const known = this.dependents.get(target);
          if (known) known.push(source);
          else this.dependents.set(target, [source]);
        }
      }
    }
    const mode = nxJson.pluginsConfig?.['@nx/js']?.projectsAffectedByDependencyUpdates ?? 'all';
    if (mode !== 'all') {
      throw new Error(`nx.json sets @nx/js projectsAffectedByDependencyUpdates to ${JSON.stringify(mode)}; the planner follows only the default, 'all'`);
    }
  }

  impactOf(change: FileChange): FileImpact {
    const project = this.roots.ownerOf(change.file);
    const touched = new Set<string>(project === null ? [] : [project]);
    for (const name of this.touchedBeyondOwner(change)) touched.add(name);
    return { file: change.file, project, affected: this.withDependents(touched) };
  }

  private touchedBeyondOwner(change: FileChange): readonly string[] {
    const { file } = change;
    const implicit = new Set<string>();
    for (const { matcher, projects } of this.implicitInputs) {
      if (!matcher.match(file)) continue;
      if (projects === '*') return this.allProjects;
      projects.forEach((p) => implicit.add(p));
    }
    if (!change.existsAtHead && this.definesProjects(file)) return this.allProjects;
    if (LOCK_FILES.includes(file)) return this.allProjects;
    const npm = file === 'package.json' ? this.touchedByPackageJson(change) : [];
    const tsconfig = file === this.workspace.rootTsConfig ? this.touchedByRootTsConfig(change) : [];
    return [...implicit, ...npm, ...tsconfig];
  }

  private definesProjects(file: string): boolean {
    this.projectFileMatchers ??= [...BUILT_IN_PROJECT_FILE_GLOBS, ...this.workspace.pluginProjectFileGlobs()].map(
      (glob) => new Minimatch(glob, { dot: true }),
    );
    return this.projectFileMatchers.some((m) => m.match(file));
  }

  /** Nx's npm-packages locator: what the dependency entries of the root package.json touch. */
  private touchedByPackageJson(change: FileChange): readonly string[] {
    if (!change.existsAtHead) return [];
    if (!needsExternalGraph(change)) return [];
    const external = this.workspace.externalGraph;
    if (external === undefined) throw new Error('a dependency change in package.json needs the npm nodes of the project graph');
    const npmNodes = Object.values(external.externalNodes);
    if (change.json == null) return npmNodes.map((n) => n.name);
    const globalPackages = new Set([...(this.workspace.nxJson.plugins ?? []).map((p) => packageNameOf(typeof p === 'string' ? p : p.plugin)), 'nx']);
    const touched: string[] = [];
    for (const c of jsonDiff(change.json.base, change.json.head)) {
      if (isDependencyChange(c)) {
        if (c.type === 'deleted') return this.allProjects;
        const name = c.path[1];
        const found = npmNodes.find((n) => n.data.packageName === name) ?? this.workspace.graph.nodes[name];
        if (found === undefined) continue;
        touched.push(found.name);
        if (found.name.startsWith('npm:@types/')) {
          const implementation = npmNodes.find((n) => n.data.packageName === name.slice('@types/'.length));
          if (implementation) touched.push(implementation.name);
        }
        if ('packageName' in found.data && globalPackages.has(found.data.packageName as string)) return this.allProjects;
      } else if (isOverrideChange(c)) {
        const selector = overrideSelector(c);
        if (selector === undefined) continue;
        const packageName = /(?:^|\/)(@[^/@>\s]+\/[^/@>\s]+|[^/@>\s]+)(?:@[^/]*)?$/.exec(selector)?.[1];
        const matching = packageName === undefined ? [] : npmNodes.filter((n) => n.data.packageName === packageName);
        if (matching.length === 0 || matching.some((n) => globalPackages.has(n.data.packageName as string))) return this.allProjects;
        touched.push(...matching.map((n) => n.name));
      }
    }
    return touched;
  }

  /** Nx's tsconfig locator: path mappings touch the projects they point into, any other change every project. */
  private touchedByRootTsConfig(change: FileChange): readonly string[] {
    if (!change.existsAtHead || change.json == null) return this.allProjects;
    const changes = jsonDiff(change.json.base, change.json.head);
    if (!changes.every((c) => c.path[0] === 'compilerOptions' && (c.path[1] === undefined || c.path[1] === 'paths'))) return this.allProjects;
    const touched: string[] = [];
    for (const c of changes) {
      if (c.path.length !== 4) continue;
      if (c.type === 'deleted') return this.allProjects;
      for (const value of [c.value.lhs, c.value.rhs]) {
        if (typeof value !== 'string' || value.length === 0) continue;
        const path = value.startsWith('./') ? value.slice(2) : value;
        for (const node of Object.values(this.workspace.graph.nodes)) {
          const root = node.data.root.endsWith('/') ? node.data.root.slice(0, -1) : node.data.root;
          if (root && (path.startsWith(`${root}/`) || path === root)) touched.push(node.name);
        }
      }
    }
    return touched;
  }

  /** The touched projects and every project that depends on one of them; project nodes only. */
  private withDependents(touched: ReadonlySet<string>): string[] {
    const seen = new Set<string>();
    const queue = [...touched];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      queue.push(...(this.dependents.get(name) ?? []));
    }
    return [...seen].filter((name) => name in this.workspace.graph.nodes).sort();
  }
}

/** `{workspaceRoot}/...` inputs of every target, with the projects they belong to; `nx.json` belongs to all. */
function implicitInputs(graph: ProjectGraphJson, nxJson: NxJson): { matcher: Minimatch; projects: '*' | string[] }[] {
  const byPattern = new Map<string, '*' | string[]>([['nx.json', '*']]);
  for (const node of Object.values(graph.nodes)) {
    const namedInputs = { ...nxJson.namedInputs, ...node.data.namedInputs };
    for (const target of Object.values(node.data.targets ?? {})) {
      for (const pattern of workspaceFileInputs(target.inputs ?? [], namedInputs, new Set())) {
        const projects = byPattern.get(pattern) ?? [];
        if (projects !== '*') byPattern.set(pattern, [...projects, node.name]);
      }
    }
  }
  return [...byPattern].map(([pattern, projects]) => ({ matcher: new Minimatch(pattern, { dot: true }), projects }));
}

function workspaceFileInputs(
  inputs: readonly InputDefinition[],
  namedInputs: Readonly<Record<string, readonly InputDefinition[]>>,
  expanding: Set<string>,
): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (typeof input === 'string' && input in namedInputs) {
      if (expanding.has(input)) continue;
      files.push(...workspaceFileInputs(namedInputs[input], namedInputs, new Set([...expanding, input])));
    } else if (typeof input === 'string' && input.startsWith('{workspaceRoot}/')) {
      files.push(input.slice('{workspaceRoot}/'.length));
    } else if (typeof input === 'object' && typeof input.fileset === 'string' && input.fileset.startsWith('{workspaceRoot}/')) {
      files.push(input.fileset.slice('{workspaceRoot}/'.length));
    }
  }
  return files;
}

function isDependencyChange(c: JsonChange): boolean {
  return DEPENDENCY_SECTIONS.includes(c.path[0]) && c.path.length === 2;
}

function isOverrideChange(c: JsonChange): boolean {
  return OVERRIDE_SECTIONS.includes(c.path[0]) || (c.path[0] === 'pnpm' && c.path[1] === 'overrides');
}

/** The package an override entry names (`"foo"`, `"parent>foo"`, `"foo@1"`, nested `{ "foo": { ".": "1" } }`). */
function overrideSelector(c: JsonChange): string | undefined {
  if (typeof c.value.lhs !== 'string' && typeof c.value.rhs !== 'string') return undefined;
  const pnpm = c.path[0] === 'pnpm';
  const index = pnpm ? 2 : c.path.length - 1;
  let selector = c.path[index] === '.' ? c.path[index - 1] : c.path[index];
  if (pnpm && selector !== undefined) {
    const parent = selector.search(/[^ |@]>/);
    if (parent !== -1) selector = selector.slice(parent + 2);
  }
  return selector;
}

/** `@scope/name/sub/path` -> `@scope/name`, `name/sub` -> `name`. */
export function packageNameOf(importPath: string): string {
  const parts = importPath.split('/');
  return importPath.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
