import { QUEUE_DEFINITIONS, type QueueDefinition } from '@platform/shared';
import type { ResolvedService } from './resolve-service';

export interface ContainerEnvironmentContext {
  /** `DEPLOY_ENV`: the environment (or preview) the task runs in. */
  readonly deployEnvironment: string;
  readonly region: string;
  /** Prefix of physical table names (`TABLE_PREFIX`). */
  readonly tablePrefix: string;
  /** URL of a queue the service uses, by its definition name. */
  readonly queueUrl: (queue: string) => string;
}

/** Variables the platform sets; a manifest's `variables` may not set them (LOG_LEVEL and NODE_ENV excepted). */
export const PLATFORM_VARIABLES = [
  'AWS_REGION',
  'DEPLOY_ENV',
  'SERVICE_NAME',
  'TABLE_PREFIX',
  'PORT',
  'HOST',
  'HEARTBEAT_FILE',
  'MAX_RECEIVE_COUNT',
  ...QUEUE_DEFINITIONS.map((q) => q.urlVariable),
] as const;

/**
 * The plain environment of a service's container: the same function builds the task definition
 * (infra) and the processes of `npm run dev`, so what runs locally is what runs on ECS.
 * - every service: NODE_ENV, LOG_LEVEL, AWS_REGION, DEPLOY_ENV, SERVICE_NAME
 * - tables used: TABLE_PREFIX; each queue used: its `urlVariable` (SCAN_QUEUE_URL...)
 * - web/backend: PORT (the manifest's port) and HOST 0.0.0.0
 * - worker: HEARTBEAT_FILE, and MAX_RECEIVE_COUNT from its queue's redrive policy, so the
 *   worker's last attempt and the dead-letter queue cannot drift apart
 * then the manifest's variables.
 */
export function containerEnvironment(service: ResolvedService, context: ContainerEnvironmentContext): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    AWS_REGION: context.region,
    DEPLOY_ENV: context.deployEnvironment,
    SERVICE_NAME: service.name,
  };
  if (service.tables.length > 0) env.TABLE_PREFIX = context.tablePrefix;
  for (const use of service.queues) env[queueDefinition(use.queue).urlVariable] = context.queueUrl(use.queue);
  if (service.port !== undefined) {
    env.PORT = String(service.port);
    env.HOST = '0.0.0.0';
  }
  if (service.heartbeat) env.HEARTBEAT_FILE = service.heartbeat.file;
  const consumed = service.queues.find((q) => q.access === 'consume' || q.access === 'send-consume');
  const redrive = consumed && queueDefinition(consumed.queue).deadLetter;
  if (service.kind === 'worker' && redrive) env.MAX_RECEIVE_COUNT = String(redrive.maxReceiveCount);
  return { ...env, ...service.variables };
}

export function queueDefinition(name: string): QueueDefinition {
  const queue = QUEUE_DEFINITIONS.find((q) => q.name === name);
  if (!queue) throw new Error(`no queue definition named "${name}"`);
  return queue;
}
