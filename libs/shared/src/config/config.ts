import { SCAN_QUEUE } from '../definitions/queues';
import { EnvReader } from './env-reader';

type Env = Record<string, string | undefined>;

/** Settings both apps share: where AWS is and what the resources are called. */
export interface AwsConfig {
  region: string;
  /** Override for every AWS client (embedded DynamoDB/SQS locally). Unset = real AWS. */
  endpointUrl?: string;
  /** Override for DynamoDB only (the local emulators run on two ports). */
  dynamoEndpointUrl?: string;
  /** Override for SQS only. */
  sqsEndpointUrl?: string;
  /** Physical table names are `${tablePrefix}-${definition.name}`. */
  tablePrefix: string;
  scanQueueUrl: string;
}

export interface LimitsConfig {
  /** Largest accepted document, bytes (UTF-8). */
  maxDocumentBytes: number;
  /** How long idempotency records are kept. */
  idempotencyTtlSeconds: number;
  /** How long documents are kept after submission (TTL). */
  documentRetentionDays: number;
}

export interface ApiConfig {
  aws: AwsConfig;
  limits: LimitsConfig;
  port: number;
  host: string;
  logLevel: string;
  /** HMAC key that signs pagination cursors, so a forged cursor is a 400, not a foreign read. */
  cursorSecret: string;
  /** Requests per minute per API key. */
  rateLimitPerMinute: number;
  /**
   * API-key lookups in DynamoDB (keys not in the API's key cache: unknown, revoked or not seen for
   * a minute) allowed per client address per minute; past it, 429 without a lookup.
   */
  authLookupsPerMinute: number;
  /** Seconds between SSE heartbeats; below the ALB idle timeout (60 s by default). */
  sseHeartbeatSeconds: number;
  ssePollMilliseconds: number;
  /** A stream ends after this long even if the scan is still running; clients reconnect (EventSource does). */
  sseMaxStreamSeconds: number;
  /** Grace period for in-flight requests on SIGTERM. */
  shutdownGraceSeconds: number;
  /** Shed load (503) when the event loop lags more than this; 0 turns shedding off. */
  loadShedEventLoopDelayMs: number;
  /**
   * How long a scan in a terminal state (succeeded/failed/cancelled: it never changes again) is
   * served from the API process's memory instead of DynamoDB, seconds; 0 turns the cache off.
   */
  scanCacheTtlSeconds: number;
  /** Terminal scans kept in that cache at most; the oldest entry goes first. */
  scanCacheMaxEntries: number;
}

export interface WorkerConfig {
  aws: AwsConfig;
  limits: LimitsConfig;
  logLevel: string;
  healthPort: number;
  /** Scans handled at once by one worker process. */
  concurrency: number;
  /** Visibility timeout the worker keeps extending while a scan runs, seconds. */
  visibilityTimeoutSeconds: number;
  /** Receives after which a failing message is left for the DLQ and its scan marked failed. */
  maxReceiveCount: number;
  /** Time allowed to finish in-flight scans on SIGTERM; below the ECS stop timeout (30 s default). */
  shutdownGraceSeconds: number;
  /** A scan still `queued` this long after its last enqueue is sent again. */
  sweepAfterSeconds: number;
  sweepIntervalSeconds: number;
  /** Long-poll wait, seconds (0..20). */
  waitTimeSeconds: number;
  /** File the worker rewrites while healthy, for a container health check without HTTP. Unset = none. */
  heartbeatFile?: string;
  /** The ECS container agent endpoint (`ECS_AGENT_URI`, set by ECS in every task). Unset = not on ECS: no scale-in protection. */
  ecsAgentUri?: string;
  /** Scale-in protection asked for while scans run, minutes (refreshed while they keep running); 0 turns it off. */
  taskProtectionMinutes: number;
}

/**
 * Receives before SQS moves a scan message to the DLQ: the queue's redrive policy. The worker's
 * default, so its "last attempt" and the queue agree unless both are changed together.
 */
export const DEFAULT_MAX_RECEIVE_COUNT = SCAN_QUEUE.deadLetter.maxReceiveCount;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function readAws(reader: EnvReader): AwsConfig {
  return {
    region: reader.pattern('AWS_REGION', 'us-east-1', /^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as eu-west-1'),
    endpointUrl: reader.url('AWS_ENDPOINT_URL'),
    dynamoEndpointUrl: reader.url('AWS_ENDPOINT_URL_DYNAMODB'),
    sqsEndpointUrl: reader.url('AWS_ENDPOINT_URL_SQS'),
    tablePrefix: reader.pattern('TABLE_PREFIX', 'docscan-local', /^[A-Za-z0-9_.-]{3,200}$/, '3-200 of [A-Za-z0-9_.-]'),
    scanQueueUrl: reader.requiredUrl('SCAN_QUEUE_URL'),
  };
}

function readLimits(reader: EnvReader): LimitsConfig {
  return {
    maxDocumentBytes: reader.int('MAX_DOCUMENT_BYTES', 1024 * 1024, { min: 1, max: 10 * 1024 * 1024 }),
    idempotencyTtlSeconds: reader.int('IDEMPOTENCY_TTL_SECONDS', 24 * 3600, { min: 60, max: 30 * 24 * 3600 }),
    documentRetentionDays: reader.int('DOCUMENT_RETENTION_DAYS', 30, { min: 1, max: 3650 }),
  };
}

export function loadApiConfig(env: Env = process.env): ApiConfig {
  const reader = new EnvReader(env);
  const config: ApiConfig = {
    aws: readAws(reader),
    limits: readLimits(reader),
    port: reader.int('PORT', 3000, { min: 0, max: 65535 }),
    host: reader.string('HOST', '0.0.0.0'),
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    cursorSecret: reader.secret('CURSOR_SECRET', 16),
    rateLimitPerMinute: reader.int('RATE_LIMIT_PER_MINUTE', 600, { min: 1, max: 1_000_000 }),
    authLookupsPerMinute: reader.int('AUTH_LOOKUPS_PER_MINUTE', 60, { min: 1, max: 1_000_000 }),
    sseHeartbeatSeconds: reader.int('SSE_HEARTBEAT_SECONDS', 15, { min: 1, max: 55 }),
    ssePollMilliseconds: reader.int('SSE_POLL_MS', 1000, { min: 50, max: 60_000 }),
    sseMaxStreamSeconds: reader.int('SSE_MAX_STREAM_SECONDS', 900, { min: 1, max: 3600 }),
    shutdownGraceSeconds: reader.int('SHUTDOWN_GRACE_SECONDS', 20, { min: 0, max: 120 }),
    loadShedEventLoopDelayMs: reader.int('LOAD_SHED_EVENT_LOOP_DELAY_MS', 1000, { min: 0, max: 60_000 }),
    scanCacheTtlSeconds: reader.int('SCAN_CACHE_TTL_SECONDS', 30, { min: 0, max: 3600 }),
    scanCacheMaxEntries: reader.int('SCAN_CACHE_MAX_ENTRIES', 10_000, { min: 1, max: 1_000_000 }),
  };
  reader.done();
  return config;
}

export function loadWorkerConfig(env: Env = process.env): WorkerConfig {
  const reader = new EnvReader(env);
  const config: WorkerConfig = {
    aws: readAws(reader),
    limits: readLimits(reader),
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    healthPort: reader.int('HEALTH_PORT', 8081, { min: 0, max: 65535 }),
    concurrency: reader.int('WORKER_CONCURRENCY', 4, { min: 1, max: 10 }),
    visibilityTimeoutSeconds: reader.int('VISIBILITY_TIMEOUT_SECONDS', 60, { min: 5, max: 43200 }),
    maxReceiveCount: reader.int('MAX_RECEIVE_COUNT', DEFAULT_MAX_RECEIVE_COUNT, { min: 1, max: 1000 }),
    shutdownGraceSeconds: reader.int('SHUTDOWN_GRACE_SECONDS', 20, { min: 0, max: 120 }),
    sweepAfterSeconds: reader.int('SWEEP_AFTER_SECONDS', 120, { min: 1, max: 86400 }),
    sweepIntervalSeconds: reader.int('SWEEP_INTERVAL_SECONDS', 30, { min: 1, max: 3600 }),
    waitTimeSeconds: reader.int('WAIT_TIME_SECONDS', 20, { min: 0, max: 20 }),
    heartbeatFile: reader.optionalString('HEARTBEAT_FILE'),
    ecsAgentUri: reader.url('ECS_AGENT_URI'),
    // Far above a scan's few seconds (1 MB documents): a refresh that fails still leaves time for the next.
    taskProtectionMinutes: reader.int('TASK_PROTECTION_MINUTES', 15, { min: 0, max: 2880 }),
  };
  reader.done();
  return config;
}
