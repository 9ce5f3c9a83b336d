import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import type { QueueDefinition } from '@platform/shared';
import { physicalQueueName } from '@platform/shared';
import { EncryptionKey } from './encryption-key';
import { denyInsecureTransport, policyDocument } from './iam-policy';
import { requireIntegerInRange, requireMatch } from './validation';

export interface QueueProps {
  /** Timeouts, retention and dead-letter settings: the same definition local dev uses. */
  readonly definition: QueueDefinition;
  /** Physical name is `${queuePrefix}-${definition.name}`. */
  readonly queuePrefix: string;
  /** Customer-managed key for server-side encryption. */
  readonly encryptionKey: EncryptionKey;
  /**
   * How long SQS reuses a data key before asking KMS again (fewer KMS calls, lower cost).
   * @default 300
   */
  readonly kmsDataKeyReusePeriodSeconds?: number;
}

/** One SQS queue with its policy. */
export interface QueueAttributes {
  readonly queue: SqsQueue;
  readonly queueArn: string;
  readonly queueUrl: string;
  readonly queueName: string;
}

/** What a task grant and a container environment need of a queue: the main queue or its dead-letter queue. */
export interface QueueReference extends QueueAttributes {
  readonly definition: QueueDefinition;
  readonly encryptionKey: EncryptionKey;
}

/**
 * An SQS queue from a shared `QueueDefinition`, encrypted with KMS and TLS-only; when the
 * definition names a dead-letter queue, that queue is created too and wired with a redrive policy.
 */
export class Queue extends Construct implements QueueReference {
  readonly queue: SqsQueue;
  readonly queueArn: string;
  readonly queueUrl: string;
  readonly queueName: string;
  readonly deadLetterQueue?: QueueAttributes;
  readonly definition: QueueDefinition;
  readonly encryptionKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: QueueProps) {
    super(scope, id);
    requireMatch('Queue', 'queuePrefix', props.queuePrefix, /^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"');
    const reuse = requireIntegerInRange('Queue', 'kmsDataKeyReusePeriodSeconds', props.kmsDataKeyReusePeriodSeconds ?? 300, 60, 86400);
    this.definition = props.definition;
    this.encryptionKey = props.encryptionKey;

    const dead = props.definition.deadLetter;
    if (dead) {
      requireIntegerInRange('Queue', 'definition.deadLetter.maxReceiveCount', dead.maxReceiveCount, 1, 1000);
      this.deadLetterQueue = this.createQueue('dead-letter', dead.queue, props, reuse);
    }
    const main = this.createQueue('queue', props.definition, props, reuse, dead && this.deadLetterQueue
      ? JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.queueArn, maxReceiveCount: dead.maxReceiveCount })
      : undefined);
    this.queue = main.queue;
    this.queueArn = main.queueArn;
    this.queueUrl = main.queueUrl;
    this.queueName = main.queueName;
  }

  /** This queue and, when it has one, its dead-letter queue, each by definition name. */
  references(): QueueReference[] {
    const dead = this.definition.deadLetter;
    const refs: QueueReference[] = [this];
    if (dead && this.deadLetterQueue) refs.push({ ...this.deadLetterQueue, definition: dead.queue, encryptionKey: this.encryptionKey });
    return refs;
  }

  private createQueue(
    id: string,
    def: QueueDefinition,
    props: QueueProps,
    reuseSeconds: number,
    redrivePolicy?: string,
  ): QueueAttributes {
    const field = id === 'queue' ? 'definition' : 'definition.deadLetter.queue';
    requireIntegerInRange('Queue', `${field}.visibilityTimeoutSeconds`, def.visibilityTimeoutSeconds, 0, 43200);
    requireIntegerInRange('Queue', `${field}.messageRetentionSeconds`, def.messageRetentionSeconds, 60, 1209600);
    requireIntegerInRange('Queue', `${field}.receiveWaitTimeSeconds`, def.receiveWaitTimeSeconds, 0, 20);
    const queue = new SqsQueue(this, id, {
      name: physicalQueueName(props.queuePrefix, def),
      visibilityTimeoutSeconds: def.visibilityTimeoutSeconds,
      messageRetentionSeconds: def.messageRetentionSeconds,
      receiveWaitTimeSeconds: def.receiveWaitTimeSeconds,
      kmsMasterKeyId: props.encryptionKey.keyArn,
      kmsDataKeyReusePeriodSeconds: reuseSeconds,
      redrivePolicy,
    });
    new SqsQueuePolicy(this, `${id}-policy`, {
      queueUrl: queue.url,
      policy: policyDocument([denyInsecureTransport('DenyInsecureTransport', [queue.arn], 'sqs:*')]),
    });
    return { queue, queueArn: queue.arn, queueUrl: queue.url, queueName: queue.name };
  }
}
