import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, ManifestSource, parseCatalog, ProjectInfo, ServiceCatalog } from './parse-catalog';

/** Folders whose sub-folders are projects: apps hold the services; libs and tools are checked for stray image tags. */
export const PROJECT_FOLDERS = ['apps', 'libs', 'tools'] as const;
/** Folder of the deployable apps; a manifest lives in `apps/<name>/service.json`. */
export const APPS_FOLDER = 'apps';

export interface LoadCatalogOptions {
  readonly workspaceRoot: string;
  /** Environment names a manifest's `environments` block may use (infra/config's list). */
  readonly environmentNames: readonly string[];
}

/** Reads and validates `apps/<name>/service.json` of every app (see parseCatalog). */
export function loadCatalog(options: LoadCatalogOptions): ServiceCatalog {
  const { workspaceRoot } = options;
  const sources: ManifestSource[] = [];
  const projects: ProjectInfo[] = [];
  for (const folder of PROJECT_FOLDERS) {
    const dir = join(workspaceRoot, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const root = `${folder}/${name}`;
      const projectFile = join(workspaceRoot, root, 'project.json');
      if (existsSync(projectFile)) projects.push(readProject(root, projectFile));
      const manifestFile = join(workspaceRoot, root, MANIFEST_FILE);
      if (existsSync(manifestFile)) sources.push({ path: `${root}/${MANIFEST_FILE}`, text: readFileSync(manifestFile, 'utf8') });
    }
  }
  return parseCatalog(sources, projects, options.environmentNames);
}

function readProject(root: string, file: string): ProjectInfo {
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; tags?: string[] };
    return { root, name: json.name ?? root, tags: json.tags ?? [] };
  } catch {
    return { root, name: root, tags: [] };
  }
}
