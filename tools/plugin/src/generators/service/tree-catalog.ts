import { joinPathFragments, type Tree } from '@nx/devkit';
import {
  consumedQueues,
  MANIFEST_FILE,
  parseCatalog,
  PROJECT_FOLDERS,
  type ManifestSource,
  type ProjectInfo,
  type ServiceCatalog,
  type ServiceManifest,
} from '@platform/service-catalog';

/** What the generator needs to know of a service already in the tree. */
export interface ExistingService {
  readonly name: string;
  readonly manifestPath: string;
  readonly paths: readonly string[];
  readonly priority?: number;
  readonly port?: number;
  readonly consumes: readonly string[];
}

/** The manifests under apps/*, read leniently (the full validation comes after generating). */
export function existingServices(tree: Tree): ExistingService[] {
  const services: ExistingService[] = [];
  for (const { manifestPath, text } of manifestSources(tree)) {
    let manifest: Partial<ServiceManifest>;
    try {
      manifest = JSON.parse(text) as Partial<ServiceManifest>;
    } catch {
      continue;
    }
    services.push({
      name: String(manifest.name ?? manifestPath),
      manifestPath,
      paths: manifest.http?.paths ?? [],
      priority: manifest.http?.priority,
      port: manifest.port,
      consumes: manifest.uses ? consumedQueues(manifest as ServiceManifest) : [],
    });
  }
  return services;
}

/** The catalog of the tree as loadCatalog reads it from disk: manifests and projects of apps/, libs/, tools/. */
export function validateCatalogInTree(tree: Tree, environmentNames: readonly string[]): ServiceCatalog {
  const projects: ProjectInfo[] = [];
  for (const folder of PROJECT_FOLDERS) {
    if (!tree.exists(folder)) continue;
    for (const name of [...tree.children(folder)].sort()) {
      const root = `${folder}/${name}`;
      const projectFile = joinPathFragments(root, 'project.json');
      if (!tree.exists(projectFile)) continue;
      try {
        const json = JSON.parse(tree.read(projectFile, 'utf-8') ?? '{}') as { name?: string; tags?: string[] };
        projects.push({ root, name: json.name ?? root, tags: json.tags ?? [] });
      } catch {
        projects.push({ root, name: root, tags: [] });
      }
    }
  }
  const sources: ManifestSource[] = manifestSources(tree).map((s) => ({ path: s.manifestPath, text: s.text }));
  return parseCatalog(sources, projects, environmentNames);
}

function manifestSources(tree: Tree): { manifestPath: string; text: string }[] {
  const sources: { manifestPath: string; text: string }[] = [];
  for (const folder of PROJECT_FOLDERS) {
    if (!tree.exists(folder)) continue;
    for (const name of [...tree.children(folder)].sort()) {
      const manifestPath = `${folder}/${name}/${MANIFEST_FILE}`;
      const text = tree.exists(manifestPath) ? tree.read(manifestPath, 'utf-8') : null;
      if (text !== null) sources.push({ manifestPath, text });
    }
  }
  return sources;
}
