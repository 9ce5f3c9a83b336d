import { Value } from '@sinclair/typebox/value';
import { QUEUE_DEFINITIONS, TABLE_DEFINITIONS } from '@platform/shared';
import { PLATFORM_VARIABLES } from './container-environment';
import { ServiceManifest, ServiceManifestSchema } from './manifest-schema';

/**
 * Problems of one manifest, each `<field>: <what is wrong>`; empty when it is valid. Checks the
 * schema first, then what a schema cannot say: which fields each kind needs or must not have,
 * counts in order, and tables/queues that exist in the shared definitions.
 */
export function manifestProblems(value: unknown, environmentNames: readonly string[]): string[] {
  if (!Value.Check(ServiceManifestSchema, value)) {
    return [...Value.Errors(ServiceManifestSchema, value)]
      .slice(0, 10)
      .map((error) => `${error.path.slice(1).replace(/\//g, '.') || '(root)'}: ${error.message}`);
  }
  return kindProblems(value, environmentNames);
}

function kindProblems(manifest: ServiceManifest, environmentNames: readonly string[]): string[] {
  const problems: string[] = [];
  const need = (field: keyof ServiceManifest, why: string) => {
    if (manifest[field] === undefined) problems.push(`${field}: a ${manifest.kind} service needs it (${why})`);
  };
  const forbid = (field: keyof ServiceManifest) => {
    if (manifest[field] !== undefined) problems.push(`${field}: not used by a ${manifest.kind} service; remove it`);
  };
  switch (manifest.kind) {
    case 'web':
      need('port', 'the container port the load balancer forwards to');
      need('http', 'the listener rule: paths, hosts and priority');
      need('health', 'the load balancer health check');
      ['heartbeat', 'schedule', 'retry'].forEach((f) => forbid(f as keyof ServiceManifest));
      break;
    case 'backend':
      need('port', 'the port Service Connect routes to');
      need('health', 'the container health check');
      ['http', 'heartbeat', 'schedule', 'retry'].forEach((f) => forbid(f as keyof ServiceManifest));
      break;
    case 'worker':
      ['port', 'http', 'health', 'schedule', 'retry'].forEach((f) => forbid(f as keyof ServiceManifest));
      if (consumedQueues(manifest).length !== 1) {
        problems.push('uses.queues: a worker consumes exactly one queue ("consume" or "send-consume")');
      }
      break;
    case 'scheduled':
      need('schedule', 'when EventBridge Scheduler runs the task, e.g. "cron(0 3 * * ? *)"');
      ['port', 'http', 'health', 'heartbeat', 'count', 'scaling'].forEach((f) => forbid(f as keyof ServiceManifest));
      break;
  }
  if (manifest.kind !== 'worker' && consumedQueues(manifest).length > 0) {
    problems.push(`uses.queues: only a worker consumes a queue; a ${manifest.kind} service may "send"`);
  }
  problems.push(...countProblems('count', manifest.count, manifest.kind));
  for (const [env, override] of Object.entries(manifest.environments ?? {})) {
    if (!environmentNames.includes(env)) {
      problems.push(`environments.${env}: not an environment (known: ${environmentNames.join(', ')})`);
    }
    if (override.count && manifest.kind === 'scheduled') problems.push(`environments.${env}.count: a scheduled job has no service count`);
    problems.push(...countProblems(`environments.${env}.count`, override.count, manifest.kind));
  }
  const tables = new Map<string, readonly string[]>(TABLE_DEFINITIONS.map((t) => [t.name, t.globalSecondaryIndexes.map((i) => i.indexName)]));
  for (const [table, access] of Object.entries(manifest.uses?.tables ?? {})) {
    const indexes = tables.get(table);
    if (indexes === undefined) {
      problems.push(`uses.tables.${table}: no such table in libs/shared definitions (known: ${[...tables.keys()].join(', ')})`);
    } else if (typeof access === 'object') {
      for (const index of access.indexes ?? []) {
        if (!indexes.includes(index)) problems.push(`uses.tables.${table}.indexes: ${table} has no index "${index}"`);
      }
    }
  }
  const queues = QUEUE_DEFINITIONS.map((q) => q.name as string);
  for (const queue of Object.keys(manifest.uses?.queues ?? {})) {
    if (!queues.includes(queue)) problems.push(`uses.queues.${queue}: no such queue in libs/shared definitions (known: ${queues.join(', ')})`);
  }
  const variables = new Set([...Object.keys(manifest.variables ?? {}), ...Object.values(manifest.environments ?? {}).flatMap((o) => Object.keys(o.variables ?? {}))]);
  for (const name of variables) {
    if ((PLATFORM_VARIABLES as readonly string[]).includes(name)) problems.push(`variables.${name}: set by the platform; remove it`);
  }
  for (const name of Object.keys(manifest.secrets ?? {})) {
    if (variables.has(name)) problems.push(`secrets.${name}: also set in variables; keep it in secrets only`);
  }
  return problems;
}

function countProblems(field: string, count: ServiceManifest['count'], kind: ServiceManifest['kind']): string[] {
  if (!count) return [];
  const problems: string[] = [];
  // Backlog-per-task scaling divides by the running tasks; a service at 0 tasks also fails its alarms.
  if (count.min < 1) problems.push(`${field}.min: a ${kind} service keeps at least one task`);
  if (count.min > count.max) problems.push(`${field}: min (${count.min}) must not exceed max (${count.max})`);
  if (count.desired < count.min || count.desired > count.max) problems.push(`${field}: desired (${count.desired}) must lie between min and max`);
  return problems;
}

/** The queues the manifest consumes (a worker's one queue). */
export function consumedQueues(manifest: ServiceManifest): string[] {
  return Object.entries(manifest.uses?.queues ?? {})
    .filter(([, access]) => access === 'consume' || access === 'send-consume')
    .map(([name]) => name);
}
