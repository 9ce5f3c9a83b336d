import type { ServiceCatalog, ServiceManifest } from '@platform/service-catalog';
import { tableOperations } from '@platform/service-catalog';
import { serviceStackProject, STACK_PROJECT_PREFIX } from './conventions';

/** What a change to the catalog (apps/<name>/service.json) means for the stacks, beyond the files Nx sees. */
export interface CatalogChanges {
  /** Stack projects to apply, with why. */
  readonly apply: ReadonlyMap<string, readonly string[]>;
  /** Services removed from the catalog: their stacks are destroyed. */
  readonly removed: readonly string[];
  /** Roots of removed services: their deleted files concern the destroy only. */
  readonly removedRoots: readonly string[];
}

const REGISTRY = `${STACK_PROJECT_PREFIX}registry`;
const EDGE = `${STACK_PROJECT_PREFIX}edge`;
const MONITORING = `${STACK_PROJECT_PREFIX}monitoring`;

/**
 * Compares the catalogs of base and head (base null: it predates the catalog, every service is new):
 * - a changed manifest applies its service's stack;
 * - a new service applies its stack and the registry (its ECR repository);
 * - a removed service destroys its stack and applies the registry;
 * - the ALB exists while some service is a web service: gaining or losing the first one applies edge;
 * - the table alarms watch the operations the services call: a change in what they use applies monitoring.
 */
export function catalogChanges(
  base: ReadonlyMap<string, ServiceManifest> | null,
  head: ServiceCatalog,
  touchedFiles: readonly string[],
): CatalogChanges {
  const apply = new Map<string, string[]>();
  const add = (stack: string, reason: string) => apply.set(stack, [...(apply.get(stack) ?? []), reason]);
  const baseServices = base ?? new Map<string, ServiceManifest>();
  for (const entry of head.entries) {
    const name = entry.manifest.name;
    const before = baseServices.get(name);
    if (!before) {
      add(serviceStackProject(name), name);
      add(REGISTRY, name);
    } else if (touchedFiles.includes(entry.manifestPath)) {
      add(serviceStackProject(name), name);
    }
  }
  const removed = [...baseServices.keys()].filter((name) => !head.get(name)).sort();
  for (const name of removed) add(REGISTRY, name);
  const headManifests = head.services;
  const baseManifests = [...baseServices.values()];
  const hasWeb = (services: readonly ServiceManifest[]) => services.some((s) => s.kind === 'web');
  if (base !== null && hasWeb(baseManifests) !== hasWeb(headManifests)) add(EDGE, 'service catalog');
  if (base !== null && tableUses(baseManifests) !== tableUses(headManifests)) add(MONITORING, 'service catalog');
  return { apply, removed, removedRoots: removed.map((name) => `apps/${name}/`) };
}

/** What the environment's table alarms are built from. */
function tableUses(services: readonly ServiceManifest[]): string {
  return JSON.stringify([...tableOperations(services)]);
}
