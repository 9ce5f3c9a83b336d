import { EnvReader } from '@platform/shared';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface Config {
  logLevel: (typeof LOG_LEVELS)[number];
  /** SERVICE_NAME and DEPLOY_ENV come from the platform (libs/service-catalog container-environment.ts). */
  serviceName: string;
  deployEnvironment: string;
  region: string;
  /** A run stops between steps after this long and reports what it did; the next run carries on. */
  maxRuntimeSeconds: number;
  /** Rewritten every 10 s while the run is alive; the container health check reads its age. */
  heartbeatFile: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const reader = new EnvReader(env);
  const config: Config = {
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    serviceName: reader.string('SERVICE_NAME', 'purge-expired'),
    deployEnvironment: reader.string('DEPLOY_ENV', 'local'),
    region: reader.string('AWS_REGION', 'us-east-1'),
    maxRuntimeSeconds: reader.int('MAX_RUNTIME_SECONDS', 600, { min: 1, max: 12 * 3600 }),
    heartbeatFile: reader.string('HEARTBEAT_FILE', '/tmp/purge-expired-heartbeat'),
  };
  reader.done();
  return config;
}
