import type { ManifestSource, ProjectInfo, ServiceKind, ServiceManifest } from '../src';

export const ENVIRONMENTS: readonly string[] = ['dev', 'staging', 'prod'];

/** A valid manifest of each kind, to be varied by the tests. */
export const MANIFESTS: Readonly<Record<ServiceKind, ServiceManifest>> = {
  web: {
    name: 'web1',
    kind: 'web',
    description: 'a web service',
    port: 3000,
    http: { paths: ['/web1/*'], priority: 100 },
    health: { path: '/web1/healthz' },
    cpu: 256,
    memoryMiB: 512,
  },
  backend: { name: 'back1', kind: 'backend', description: 'internal', port: 8080, health: { path: '/healthz' }, cpu: 256, memoryMiB: 512 },
  worker: {
    name: 'work1',
    kind: 'worker',
    description: 'consumes scans',
    cpu: 256,
    memoryMiB: 512,
    uses: { queues: { 'scan-requests': 'consume' }, tables: { scans: { access: 'read-write', indexes: ['byStatus'] } } },
  },
  scheduled: { name: 'job1', kind: 'scheduled', description: 'nightly', schedule: 'cron(0 3 * * ? *)', cpu: 256, memoryMiB: 512 },
};

/** Sources and image projects for manifests at `apps/<name>/service.json`. */
export function workspaceOf(...manifests: ServiceManifest[]): { sources: ManifestSource[]; projects: ProjectInfo[] } {
  return {
    sources: manifests.map((m) => ({ path: `apps/${m.name}/service.json`, text: JSON.stringify(m) })),
    projects: manifests.map((m) => ({ root: `apps/${m.name}`, name: String(m.name), tags: ['type:app', 'deploy:image'] })),
  };
}
