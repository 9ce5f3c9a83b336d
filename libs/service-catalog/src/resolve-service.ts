import type { ManifestMetric, QueueAccess, ServiceCount, ServiceKind, ServiceManifest } from './manifest-schema';

/** Defaults every manifest field falls back to; the field reference is in this file and in the schema's descriptions. */
export const SERVICE_DEFAULTS = {
  count: { desired: 1, min: 1, max: 2 },
  healthMatcher: '200',
  heartbeatFile: '/tmp/heartbeat',
  heartbeatMaxAgeSeconds: 120,
  stopTimeoutSeconds: 30,
  retry: { maximumAttempts: 2, maximumEventAgeSeconds: 3600 },
  scaling: { cpuPercent: 60, requestsPerTarget: 500, backlogPerTask: 10 },
  alarms: { cpuPercent: 85, memoryPercent: 85, p99LatencyMs: 1500, http5xxPerMinute: 10 },
} as const;

export type SecretSource = { readonly type: 'ssm'; readonly parameterName: string } | { readonly type: 'secretsmanager'; readonly secretName: string };

export interface ResolvedSecret {
  /** Environment variable inside the container. */
  readonly name: string;
  readonly source: SecretSource;
}

export interface ResolvedTableUse {
  readonly table: string;
  readonly access: 'read' | 'read-write';
  readonly indexes: readonly string[];
  readonly scan: boolean;
}

export interface ResolvedQueueUse {
  readonly queue: string;
  readonly access: QueueAccess;
}

/** A manifest with one environment's overrides applied and every default filled in. */
export interface ResolvedService {
  readonly name: string;
  readonly kind: ServiceKind;
  readonly description: string;
  readonly environment: string;
  readonly port?: number;
  readonly http?: { readonly paths: readonly string[]; readonly hosts: readonly string[]; readonly priority: number };
  readonly health?: { readonly path: string; readonly matcher: string };
  readonly heartbeat?: { readonly file: string; readonly maxAgeSeconds: number };
  readonly schedule?: string;
  readonly retry?: { readonly maximumAttempts: number; readonly maximumEventAgeSeconds: number };
  readonly cpu: number;
  readonly memoryMiB: number;
  /** Undefined for a scheduled job (one task per run). */
  readonly count?: ServiceCount;
  readonly stopTimeoutSeconds: number;
  readonly command?: readonly string[];
  readonly variables: Readonly<Record<string, string>>;
  readonly secrets: readonly ResolvedSecret[];
  readonly tables: readonly ResolvedTableUse[];
  readonly queues: readonly ResolvedQueueUse[];
  readonly scaling: { readonly cpuPercent: number; readonly requestsPerTarget: number; readonly backlogPerTask: number };
  readonly alarms: {
    readonly cpuPercent: number;
    readonly memoryPercent: number;
    readonly p99LatencyMs: number;
    readonly http5xxPerMinute: number;
    readonly failures?: { readonly metric: ManifestMetric; readonly threshold: number; readonly description: string };
  };
}

export interface ResolveContext {
  /** `dev`, `staging`, `prod`: which `environments.<env>` block applies. */
  readonly environment: string;
  /** Project name: the first part of relative SSM parameter names. */
  readonly project: string;
}

/**
 * One environment's view of a manifest. A relative SSM parameter name `cursor-secret` becomes
 * `/<project>/<env>/<service>/cursor-secret`, so one manifest names every environment's secret.
 */
export function resolveService(manifest: ServiceManifest, context: ResolveContext): ResolvedService {
  const override = manifest.environments?.[context.environment] ?? {};
  const isScheduled = manifest.kind === 'scheduled';
  return {
    name: manifest.name,
    kind: manifest.kind,
    description: manifest.description,
    environment: context.environment,
    port: manifest.port,
    http: manifest.http && { paths: manifest.http.paths, hosts: manifest.http.hosts ?? [], priority: manifest.http.priority },
    health: manifest.health && { path: manifest.health.path, matcher: manifest.health.matcher ?? SERVICE_DEFAULTS.healthMatcher },
    heartbeat:
      manifest.kind === 'worker'
        ? {
            file: manifest.heartbeat?.file ?? SERVICE_DEFAULTS.heartbeatFile,
            maxAgeSeconds: manifest.heartbeat?.maxAgeSeconds ?? SERVICE_DEFAULTS.heartbeatMaxAgeSeconds,
          }
        : undefined,
    schedule: manifest.schedule,
    retry: isScheduled ? { ...SERVICE_DEFAULTS.retry, ...manifest.retry } : undefined,
    cpu: override.cpu ?? manifest.cpu,
    memoryMiB: override.memoryMiB ?? manifest.memoryMiB,
    count: isScheduled ? undefined : (override.count ?? manifest.count ?? SERVICE_DEFAULTS.count),
    stopTimeoutSeconds: manifest.stopTimeoutSeconds ?? SERVICE_DEFAULTS.stopTimeoutSeconds,
    command: manifest.command,
    variables: { ...manifest.variables, ...override.variables },
    secrets: Object.entries(manifest.secrets ?? {}).map(([name, secret]) => ({
      name,
      source:
        typeof secret === 'string'
          ? { type: 'ssm', parameterName: secret.startsWith('/') ? secret : `/${context.project}/${context.environment}/${manifest.name}/${secret}` }
          : { type: 'secretsmanager', secretName: secret.secretsManager },
    })),
    tables: Object.entries(manifest.uses?.tables ?? {}).map(([table, access]) =>
      typeof access === 'string'
        ? { table, access, indexes: [], scan: false }
        : { table, access: access.access, indexes: access.indexes ?? [], scan: access.scan ?? false },
    ),
    queues: Object.entries(manifest.uses?.queues ?? {}).map(([queue, access]) => ({ queue, access })),
    scaling: { ...SERVICE_DEFAULTS.scaling, ...manifest.scaling },
    alarms: { ...SERVICE_DEFAULTS.alarms, ...manifest.alarms },
  };
}
