import { CatalogError } from './catalog-error';
import type { ServiceManifest } from './manifest-schema';
import { manifestProblems } from './validate-manifest';

/** The tag of projects that ship an image: each must declare itself in a manifest. */
export const IMAGE_PROJECT_TAG = 'deploy:image';
/** Where a project keeps its manifest, relative to its root. */
export const MANIFEST_FILE = 'service.json';

export interface ManifestSource {
  /** Workspace-relative path, `apps/<name>/service.json`. */
  readonly path: string;
  readonly text: string;
}

export interface ProjectInfo {
  /** Workspace-relative root, `apps/<name>`. */
  readonly root: string;
  readonly name: string;
  readonly tags: readonly string[];
}

export interface CatalogEntry {
  readonly manifest: ServiceManifest;
  /** Workspace-relative folder of the app, `apps/<name>`. */
  readonly root: string;
  readonly manifestPath: string;
}

/** Every deployable service of the workspace, by name. */
export interface ServiceCatalog {
  /** Sorted by name. */
  readonly entries: readonly CatalogEntry[];
  readonly services: readonly ServiceManifest[];
  get(name: string): ServiceManifest | undefined;
}

/**
 * Validates every manifest and the catalog as a whole, then returns it; all problems are thrown
 * together as one CatalogError, each line naming the manifest (or project) and the field:
 * a manifest that breaks its schema or its kind's rules, a name that is not its folder's, a
 * `deploy:image` project without a manifest, a manifest without an image project, two web
 * services with the same listener rule priority or the same routes, a web service whose health
 * path the shared ALB would not route to it (the smoke test reaches it through the ALB), and two
 * services on the same port (`npm run dev` runs them side by side).
 */
export function parseCatalog(sources: readonly ManifestSource[], projects: readonly ProjectInfo[], environmentNames: readonly string[]): ServiceCatalog {
  const problems: string[] = [];
  const entries: CatalogEntry[] = [];
  const projectsByRoot = new Map(projects.map((p) => [p.root, p]));
  for (const source of sources) {
    const root = source.path.slice(0, -(MANIFEST_FILE.length + 1));
    const folder = root.split('/').pop() ?? root;
    let value: unknown;
    try {
      value = JSON.parse(source.text);
    } catch (error) {
      problems.push(`${source.path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const found = manifestProblems(value, environmentNames);
    if (found.length > 0) {
      problems.push(...found.map((p) => `${source.path}: ${p}`));
      continue;
    }
    const manifest = value as ServiceManifest;
    if (manifest.name !== folder) problems.push(`${source.path}: name: "${manifest.name}" must equal its folder name "${folder}"`);
    const project = projectsByRoot.get(root);
    if (!project) {
      problems.push(`${source.path}: no project.json beside it; the manifest declares a project that does not exist`);
    } else if (!project.tags.includes(IMAGE_PROJECT_TAG)) {
      problems.push(`${source.path}: project ${project.name} lacks the "${IMAGE_PROJECT_TAG}" tag, so its image would never be built`);
    }
    entries.push({ manifest, root, manifestPath: source.path });
  }
  const declared = new Set(entries.map((e) => e.root));
  for (const project of projects) {
    if (project.tags.includes(IMAGE_PROJECT_TAG) && !declared.has(project.root) && !sources.some((s) => s.path === `${project.root}/${MANIFEST_FILE}`)) {
      problems.push(`${project.root}: project ${project.name} is tagged "${IMAGE_PROJECT_TAG}" but has no ${MANIFEST_FILE}, so nothing would deploy its image`);
    }
  }
  problems.push(...routeConflicts(entries), ...healthRouteProblems(entries), ...portConflicts(entries));
  if (problems.length > 0) throw new CatalogError(problems);
  entries.sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
  const byName = new Map(entries.map((e) => [e.manifest.name, e.manifest]));
  return { entries, services: entries.map((e) => e.manifest), get: (name) => byName.get(name) };
}

function routeConflicts(entries: readonly CatalogEntry[]): string[] {
  const problems: string[] = [];
  const priorities = new Map<number, string>();
  const routes = new Map<string, string>();
  for (const { manifest, manifestPath } of entries) {
    if (!manifest.http) continue;
    const other = priorities.get(manifest.http.priority);
    if (other) problems.push(`${manifestPath}: http.priority ${manifest.http.priority} is already used by service "${other}"; listener rule priorities are unique`);
    priorities.set(manifest.http.priority, manifest.name);
    const key = JSON.stringify([[...(manifest.http.hosts ?? [])].sort(), [...manifest.http.paths].sort()]);
    const sameRoute = routes.get(key);
    if (sameRoute) problems.push(`${manifestPath}: http routes the same hosts and paths as service "${sameRoute}"`);
    routes.set(key, manifest.name);
  }
  return problems;
}

/** ALB path pattern semantics: case-sensitive, `*` any run of characters, `?` exactly one. */
export function pathPatternMatches(pattern: string, path: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(path);
}

/**
 * A web service's health path must reach it through the shared ALB: one of its own path patterns matches
 * it, and no service whose rule is evaluated first (lower priority number) matches it too.
 */
function healthRouteProblems(entries: readonly CatalogEntry[]): string[] {
  const web = entries.flatMap(({ manifest, manifestPath }) =>
    manifest.http && manifest.health ? [{ manifest, manifestPath, http: manifest.http, healthPath: manifest.health.path }] : [],
  );
  const problems: string[] = [];
  for (const { manifest, manifestPath, http, healthPath } of web) {
    if (!http.paths.some((pattern) => pathPatternMatches(pattern, healthPath))) {
      problems.push(`${manifestPath}: health.path "${healthPath}" matches none of http.paths (${http.paths.join(', ')}), so the ALB would not route the smoke test to this service`);
      continue;
    }
    const first = web
      .filter((other) => other.manifest.name !== manifest.name && other.http.priority < http.priority)
      .filter((other) => (other.http.hosts ?? []).length === 0 || sameHosts(other.manifest, manifest))
      .find((other) => other.http.paths.some((pattern) => pathPatternMatches(pattern, healthPath)));
    if (first) problems.push(`${manifestPath}: health.path "${healthPath}" is routed to service "${first.manifest.name}" first (priority ${first.http.priority})`);
  }
  return problems;
}

function sameHosts(a: ServiceManifest, b: ServiceManifest): boolean {
  const hosts = (m: ServiceManifest) => JSON.stringify([...(m.http?.hosts ?? [])].sort());
  return hosts(a) === hosts(b);
}

function portConflicts(entries: readonly CatalogEntry[]): string[] {
  const problems: string[] = [];
  const ports = new Map<number, string>();
  for (const { manifest, manifestPath } of entries) {
    if (manifest.port === undefined) continue;
    const other = ports.get(manifest.port);
    if (other) problems.push(`${manifestPath}: port ${manifest.port} is already used by service "${other}"; ports are unique so every service can run side by side locally`);
    ports.set(manifest.port, manifest.name);
  }
  return problems;
}
