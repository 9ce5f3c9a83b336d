/**
 * SQS queue definitions shared by local dev and the infra `data` stack.
 * Values respect the SQS limits noted next to each field.
 */
export interface QueueDefinition {
  /** Logical name; the physical name is `${prefix}-${name}`. */
  readonly name: string;
  readonly description: string;
  /** 0..43200 s. Longer than a typical scan; the worker extends it while a scan runs. */
  readonly visibilityTimeoutSeconds: number;
  /** 60..1209600 s. */
  readonly messageRetentionSeconds: number;
  /** 0..20 s; 20 is full long polling. */
  readonly receiveWaitTimeSeconds: number;
  /** Environment variable that hands the queue's URL to a service using it (apps/<name>/service.json `uses.queues`). */
  readonly urlVariable: string;
  /** Dead-letter queue and how many receives a message gets before it moves there (1..1000). */
  readonly deadLetter?: { readonly queue: QueueDefinition; readonly maxReceiveCount: number };
}

export const SCAN_DEAD_LETTER_QUEUE: QueueDefinition = {
  name: 'scan-requests-dlq',
  urlVariable: 'SCAN_DLQ_URL',
  description: 'Scan messages that failed maxReceiveCount times; alarmed when not empty.',
  visibilityTimeoutSeconds: 60,
  messageRetentionSeconds: 14 * 24 * 3600,
  receiveWaitTimeSeconds: 20,
};

/** The scan queue always has a dead-letter queue: the worker's retry budget is its maxReceiveCount. */
export const SCAN_QUEUE: QueueDefinition & { readonly deadLetter: NonNullable<QueueDefinition['deadLetter']> } = {
  name: 'scan-requests',
  urlVariable: 'SCAN_QUEUE_URL',
  description: 'One message per accepted scan: {tenantId, scanId}.',
  visibilityTimeoutSeconds: 60,
  messageRetentionSeconds: 4 * 24 * 3600,
  receiveWaitTimeSeconds: 20,
  deadLetter: { queue: SCAN_DEAD_LETTER_QUEUE, maxReceiveCount: 5 },
};

export const QUEUE_DEFINITIONS = [SCAN_DEAD_LETTER_QUEUE, SCAN_QUEUE] as const;

export function physicalQueueName(prefix: string, queue: QueueDefinition): string {
  return `${prefix}-${queue.name}`;
}

/** Queues that are no other queue's dead-letter queue: each is built with its own dead-letter queue. */
export function primaryQueueDefinitions(): QueueDefinition[] {
  return QUEUE_DEFINITIONS.filter((queue) => !QUEUE_DEFINITIONS.some((other) => other.deadLetter?.queue === queue));
}
