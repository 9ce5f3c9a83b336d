import { SERVICE_DEFAULTS, type ServiceKind, type ServiceManifest } from '@platform/service-catalog';

/** What the generator decided from the options and the existing services. */
export interface ManifestPlan {
  name: string;
  kind: ServiceKind;
  description: string;
  /** web/backend */
  port?: number;
  /** web: `/<prefix>` */
  prefix?: string;
  /** web: `/<prefix>`, `/<prefix>/*` */
  paths?: string[];
  /** web */
  priority?: number;
  /** scheduled */
  schedule?: string;
  /** worker: the queue consumed */
  queue?: string;
}

export const DEFAULT_SIZE = { cpu: 256, memoryMiB: 512 } as const;

/**
 * The new service's service.json: the smallest Fargate size, the catalog's default counts, the kind's
 * required fields, and the alarm its app's metrics feed (workers and jobs count their own failures).
 */
export function buildManifest(plan: ManifestPlan): ServiceManifest {
  const head = { $schema: '../../libs/service-catalog/service.schema.json', name: plan.name, kind: plan.kind, description: plan.description };
  const count = { ...SERVICE_DEFAULTS.count };
  switch (plan.kind) {
    case 'web':
      return {
        ...head,
        port: plan.port,
        http: { paths: plan.paths ?? [], priority: plan.priority ?? 0 },
        // Under the prefix, so the shared ALB routes the smoke test of this service to it.
        health: { path: `${plan.prefix ?? ''}/healthz`, matcher: SERVICE_DEFAULTS.healthMatcher },
        ...DEFAULT_SIZE,
        count,
        stopTimeoutSeconds: SERVICE_DEFAULTS.stopTimeoutSeconds,
        scaling: { cpuPercent: SERVICE_DEFAULTS.scaling.cpuPercent, requestsPerTarget: SERVICE_DEFAULTS.scaling.requestsPerTarget },
        alarms: { p99LatencyMs: SERVICE_DEFAULTS.alarms.p99LatencyMs, http5xxPerMinute: SERVICE_DEFAULTS.alarms.http5xxPerMinute },
      };
    case 'backend':
      return {
        ...head,
        port: plan.port,
        health: { path: '/healthz', matcher: SERVICE_DEFAULTS.healthMatcher },
        ...DEFAULT_SIZE,
        count,
        stopTimeoutSeconds: SERVICE_DEFAULTS.stopTimeoutSeconds,
        scaling: { cpuPercent: SERVICE_DEFAULTS.scaling.cpuPercent },
      };
    case 'worker':
      return {
        ...head,
        heartbeat: { file: `/tmp/${plan.name}-heartbeat`, maxAgeSeconds: SERVICE_DEFAULTS.heartbeatMaxAgeSeconds },
        ...DEFAULT_SIZE,
        count,
        stopTimeoutSeconds: SERVICE_DEFAULTS.stopTimeoutSeconds,
        uses: { queues: { [plan.queue ?? '']: 'consume' } },
        scaling: { backlogPerTask: SERVICE_DEFAULTS.scaling.backlogPerTask },
        alarms: {
          failures: {
            metric: { namespace: 'DocScan/Workers', metricName: 'MessagesFailed', dimensions: { Service: plan.name } },
            threshold: 5,
            description: `Messages ${plan.name} failed to handle (each is retried, then dead-lettered).`,
          },
        },
      };
    case 'scheduled':
      return {
        ...head,
        schedule: plan.schedule,
        retry: { ...SERVICE_DEFAULTS.retry },
        ...DEFAULT_SIZE,
        stopTimeoutSeconds: SERVICE_DEFAULTS.stopTimeoutSeconds,
        alarms: {
          failures: {
            metric: { namespace: 'DocScan/Jobs', metricName: 'RunsFailed', dimensions: { Service: plan.name } },
            threshold: 0,
            description: `A run of ${plan.name} failed (exit 1).`,
          },
        },
      };
  }
}
