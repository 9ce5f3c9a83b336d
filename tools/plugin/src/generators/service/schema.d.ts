export type ServiceGeneratorKind = 'web' | 'backend' | 'worker' | 'scheduled';

/** Options of `nx g @platform/plugin:service` (schema.json). */
export interface ServiceGeneratorSchema {
  name: string;
  kind: ServiceGeneratorKind;
  /** web: path prefix, default `/<name>`. */
  path?: string;
  /** web: listener rule priority, default the lowest free multiple of 10 from 100. */
  priority?: number;
  /** web/backend: container port, default the lowest free one from 3001. */
  port?: number;
  /** scheduled: EventBridge Scheduler expression, default `cron(0 3 * * ? *)`. */
  schedule?: string;
  /** worker: the queue consumed, default `scan-requests`. */
  queue?: string;
  description?: string;
  skipFormat?: boolean;
}
