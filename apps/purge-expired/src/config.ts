import { EnvReader } from '@platform/shared';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface Config {
  logLevel: (typeof LOG_LEVELS)[number];
  /** SERVICE_NAME and DEPLOY_ENV come from the platform (libs/service-catalog container-environment.ts). */
  serviceName: string;
  deployEnvironment: string;
  region: string;
  /** Emulator endpoints (npm run dev, tests); unset on AWS. */
  dynamoEndpointUrl?: string;
  sqsEndpointUrl?: string;
  /** Physical table names are `<prefix>-<table>` (TABLE_PREFIX, set by the platform for service.json uses.tables). */
  tablePrefix: string;
  /** The scan dead-letter queue whose depth the run reports (SCAN_DLQ_URL, from uses.queues "monitor"). */
  deadLetterQueueUrl: string;
  /** A run stops between batches after this long and reports what it did; the next run carries on. */
  maxRuntimeSeconds: number;
  /** At most this many document chunks are deleted per run, so one run's cost and duration are bounded. */
  maxItems: number;
  /** Items read per Scan page (before the expiry filter). */
  scanPageSize: number;
  /** Rewritten every 10 s while the run is alive; the container health check reads its age. */
  heartbeatFile: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const reader = new EnvReader(env);
  const config: Config = {
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    serviceName: reader.string('SERVICE_NAME', 'purge-expired'),
    deployEnvironment: reader.string('DEPLOY_ENV', 'local'),
    region: reader.pattern('AWS_REGION', 'us-east-1', /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1'),
    dynamoEndpointUrl: reader.url('AWS_ENDPOINT_URL_DYNAMODB') ?? reader.url('AWS_ENDPOINT_URL'),
    sqsEndpointUrl: reader.url('AWS_ENDPOINT_URL_SQS') ?? reader.url('AWS_ENDPOINT_URL'),
    tablePrefix: reader.pattern('TABLE_PREFIX', 'docscan-local', /^[A-Za-z0-9_.-]{3,200}$/, '3-200 of [A-Za-z0-9_.-]'),
    deadLetterQueueUrl: reader.requiredUrl('SCAN_DLQ_URL'),
    maxRuntimeSeconds: reader.int('MAX_RUNTIME_SECONDS', 600, { min: 1, max: 12 * 3600 }),
    maxItems: reader.int('MAX_ITEMS', 50_000, { min: 1, max: 10_000_000 }),
    scanPageSize: reader.int('SCAN_PAGE_SIZE', 200, { min: 1, max: 1000 }),
    heartbeatFile: reader.string('HEARTBEAT_FILE', '/tmp/purge-expired-heartbeat'),
  };
  reader.done();
  return config;
}
