import { ENVIRONMENT_NAMES } from '@platform/infra-config';
import {
  CatalogError,
  loadCatalog,
  MANIFEST_FILE,
  type ManifestSource,
  parseCatalog,
  type ProjectInfo,
  type ServiceCatalog,
  type ServiceManifest,
} from '@platform/service-catalog';
import { CliError } from '../cli-error';
import { git } from '../git/git';

/** The catalog of the checked-out head; a broken catalog stops the plan with its problems (exit 2). */
export function headCatalog(cwd: string): ServiceCatalog {
  try {
    return loadCatalog({ workspaceRoot: cwd, environmentNames: ENVIRONMENT_NAMES });
  } catch (error) {
    if (error instanceof CatalogError) throw new CliError(`the service catalog is not valid: ${error.message}`, 2);
    throw error;
  }
}

/**
 * The services declared at a past revision, by name, read with `git show`; null when that
 * revision has no manifests at all (it predates the catalog), so nothing can be compared.
 * Manifests that do not parse there are left out: the base is history, not something to fix.
 */
export async function catalogAt(cwd: string, revision: string): Promise<ReadonlyMap<string, ServiceManifest> | null> {
  const listing = await git(cwd, ['ls-tree', '-r', '--name-only', revision, '--', 'apps']);
  const files = (listing ?? '').split('\n').filter((file) => /^apps\/[^/]+\/(service|project)\.json$/.test(file));
  const manifests = files.filter((file) => file.endsWith(`/${MANIFEST_FILE}`));
  if (manifests.length === 0) return null;
  const show = async (file: string) => (await git(cwd, ['show', `${revision}:${file}`])) ?? '';
  const sources: ManifestSource[] = await Promise.all(manifests.map(async (path) => ({ path, text: await show(path) })));
  const projects: ProjectInfo[] = await Promise.all(
    files
      .filter((file) => file.endsWith('/project.json'))
      .map(async (file) => {
        const root = file.slice(0, -'/project.json'.length);
        try {
          const json = JSON.parse(await show(file)) as { name?: string; tags?: string[] };
          return { root, name: json.name ?? root, tags: json.tags ?? [] };
        } catch {
          return { root, name: root, tags: [] };
        }
      }),
  );
  const valid = new Map<string, ServiceManifest>();
  for (const source of sources) {
    try {
      const [manifest] = parseCatalog([source], projects.filter((p) => `${p.root}/${MANIFEST_FILE}` === source.path), ENVIRONMENT_NAMES).services;
      valid.set(manifest.name, manifest);
    } catch {
      // an invalid manifest at base: compared as if absent
    }
  }
  return valid;
}
