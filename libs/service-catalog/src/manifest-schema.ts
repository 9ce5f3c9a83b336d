import { Type, type Static } from '@sinclair/typebox';

/**
 * The manifest a deployable app keeps in `apps/<name>/service.json`: what it is, how big, what it
 * reads and writes, and how it is alarmed. Plain data (JSON), so infra, tools and local dev read it
 * without importing app code. `environments.<env>` overrides sizing, counts and variables per
 * environment, as Copilot's `environments:` block does.
 */

export const SERVICE_KINDS = ['web', 'backend', 'worker', 'scheduled'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Kinds that listen on a port (web behind the ALB, backend behind Service Connect). */
export const HTTP_KINDS: readonly ServiceKind[] = ['web', 'backend'];

const ENV_NAME = '^[A-Z][A-Z0-9_]*$';

export const CountSchema = Type.Object(
  {
    desired: Type.Integer({ minimum: 0, maximum: 1000, description: 'Tasks at first deploy; autoscaling owns the count afterwards.' }),
    min: Type.Integer({ minimum: 0, maximum: 1000 }),
    max: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);

/** What can differ per environment. */
export const EnvironmentOverrideSchema = Type.Object(
  {
    cpu: Type.Optional(Type.Integer({ description: 'CPU units (1024 = 1 vCPU).' })),
    memoryMiB: Type.Optional(Type.Integer()),
    count: Type.Optional(CountSchema),
    variables: Type.Optional(Type.Record(Type.String({ pattern: ENV_NAME }), Type.String({ maxLength: 4096 }))),
  },
  { additionalProperties: false },
);

export const HttpSchema = Type.Object(
  {
    paths: Type.Array(Type.String({ pattern: '^/[A-Za-z0-9_\\-./*?]*$', maxLength: 128 }), {
      minItems: 1,
      maxItems: 5,
      description: 'ALB path patterns, e.g. "/v1/*". With `hosts`, both must match.',
    }),
    hosts: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9*?.-]+$', maxLength: 128 }), { maxItems: 4 })),
    priority: Type.Integer({ minimum: 1, maximum: 50000, description: 'Listener rule priority; lower wins; unique per environment.' }),
  },
  { additionalProperties: false },
);

export const HealthSchema = Type.Object(
  {
    path: Type.String({ pattern: '^/[A-Za-z0-9_\\-./]*$', description: 'Liveness path the ALB and the container health check request.' }),
    matcher: Type.Optional(Type.String({ pattern: '^\\d{3}(-\\d{3})?(,\\d{3})*$', description: 'HTTP codes of a healthy answer. @default "200"' })),
  },
  { additionalProperties: false },
);

export const HeartbeatSchema = Type.Object(
  {
    file: Type.Optional(Type.String({ pattern: '^/tmp/[A-Za-z0-9_.-]+$', description: '@default "/tmp/heartbeat"' })),
    maxAgeSeconds: Type.Optional(Type.Integer({ minimum: 10, maximum: 3600, description: '@default 120' })),
  },
  { additionalProperties: false },
);

export const TableAccessSchema = Type.Union([
  Type.Literal('read'),
  Type.Literal('read-write'),
  Type.Object(
    {
      access: Type.Union([Type.Literal('read'), Type.Literal('read-write')]),
      indexes: Type.Optional(Type.Array(Type.String(), { minItems: 1, description: 'Indexes the service queries.' })),
      scan: Type.Optional(Type.Boolean({ description: 'Whole-table Scan (a purge job); @default false' })),
    },
    { additionalProperties: false },
  ),
]);

/** `monitor` reads queue attributes only (depth, age), e.g. a job reporting a dead-letter queue. */
export const QueueAccessSchema = Type.Union([Type.Literal('send'), Type.Literal('consume'), Type.Literal('send-consume'), Type.Literal('monitor')]);

export const UsesSchema = Type.Object(
  {
    tables: Type.Optional(Type.Record(Type.String(), TableAccessSchema)),
    queues: Type.Optional(Type.Record(Type.String(), QueueAccessSchema)),
  },
  { additionalProperties: false },
);

/** A secret the container gets at start: an SSM SecureString (default) or a Secrets Manager secret, by name. */
export const SecretSchema = Type.Union([
  Type.String({ pattern: '^[A-Za-z0-9_./-]+$', description: 'SSM parameter; relative names live under /<project>/<env>/<service>/.' }),
  Type.Object({ secretsManager: Type.String({ pattern: '^[A-Za-z0-9/_+=.@-]+$' }) }, { additionalProperties: false }),
]);

export const MetricSchema = Type.Object(
  {
    namespace: Type.String({ minLength: 1 }),
    metricName: Type.String({ minLength: 1 }),
    dimensions: Type.Record(Type.String(), Type.String()),
  },
  { additionalProperties: false },
);

export const AlarmsSchema = Type.Object(
  {
    cpuPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: '@default 85' })),
    memoryPercent: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: '@default 85' })),
    p99LatencyMs: Type.Optional(Type.Integer({ minimum: 10, maximum: 60000, description: 'web: @default 1500' })),
    http5xxPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'web: @default 10' })),
    /** A counter the app emits (CloudWatch Embedded Metric Format) whose sum over 5 minutes pages. */
    failures: Type.Optional(
      Type.Object(
        {
          metric: MetricSchema,
          threshold: Type.Integer({ minimum: 0, maximum: 100000, description: 'Alarm above this sum per 5 minutes.' }),
          description: Type.String({ minLength: 1 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ScalingSchema = Type.Object(
  {
    cpuPercent: Type.Optional(Type.Integer({ minimum: 10, maximum: 90, description: 'web/backend: @default 60' })),
    requestsPerTarget: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'web: @default 500' })),
    backlogPerTask: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, description: 'worker: @default 10' })),
  },
  { additionalProperties: false },
);

export const RetrySchema = Type.Object(
  {
    maximumAttempts: Type.Integer({ minimum: 0, maximum: 185, description: 'scheduled: @default 2' }),
    maximumEventAgeSeconds: Type.Integer({ minimum: 60, maximum: 86400, description: 'scheduled: @default 3600' }),
  },
  { additionalProperties: false },
);

export const ServiceManifestSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    name: Type.String({ pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 20, description: 'Equals the app folder name.' }),
    kind: Type.Union(SERVICE_KINDS.map((kind) => Type.Literal(kind))),
    description: Type.String({ minLength: 1, maxLength: 200 }),
    port: Type.Optional(Type.Integer({ minimum: 1024, maximum: 65535, description: 'web/backend: the container port.' })),
    http: Type.Optional(HttpSchema),
    health: Type.Optional(HealthSchema),
    heartbeat: Type.Optional(HeartbeatSchema),
    schedule: Type.Optional(
      Type.String({ pattern: '^(cron\\([^)]+\\)|rate\\(\\d+ (minute|minutes|hour|hours|day|days)\\))$', description: 'scheduled: EventBridge Scheduler expression.' }),
    ),
    retry: Type.Optional(RetrySchema),
    cpu: Type.Integer({ description: 'CPU units (1024 = 1 vCPU); a Fargate size with memoryMiB.' }),
    memoryMiB: Type.Integer(),
    count: Type.Optional(CountSchema),
    stopTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 2, maximum: 120, description: '@default 30' })),
    command: Type.Optional(Type.Array(Type.String(), { minItems: 1, description: '@default - the image CMD' })),
    variables: Type.Optional(Type.Record(Type.String({ pattern: ENV_NAME }), Type.String({ maxLength: 4096 }))),
    secrets: Type.Optional(Type.Record(Type.String({ pattern: ENV_NAME }), SecretSchema)),
    uses: Type.Optional(UsesSchema),
    scaling: Type.Optional(ScalingSchema),
    alarms: Type.Optional(AlarmsSchema),
    environments: Type.Optional(
      Type.Record(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), EnvironmentOverrideSchema, {
        description: 'Per-environment overrides, keyed by environment name (checked against infra/config).',
      }),
    ),
  },
  { additionalProperties: false, $id: 'https://fargate-platform.example/schemas/service.json', title: 'Service manifest' },
);

export type ServiceManifest = Static<typeof ServiceManifestSchema>;
export type ServiceCount = Static<typeof CountSchema>;
export type TableAccess = Static<typeof TableAccessSchema>;
export type QueueAccess = Static<typeof QueueAccessSchema>;
export type ManifestSecret = Static<typeof SecretSchema>;
export type ManifestMetric = Static<typeof MetricSchema>;
export type ManifestAlarms = Static<typeof AlarmsSchema>;
export type EnvironmentOverride = Static<typeof EnvironmentOverrideSchema>;
