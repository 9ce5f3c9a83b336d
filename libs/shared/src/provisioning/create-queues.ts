import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { SCAN_DEAD_LETTER_QUEUE, SCAN_QUEUE, physicalQueueName, type QueueDefinition } from '../definitions/queues';

export interface CreatedQueue {
  url: string;
  arn: string;
}

/** Creates a queue (and its dead-letter queue first) from a definition; CreateQueue is idempotent. */
export async function createQueue(sqs: SQSClient, prefix: string, queue: QueueDefinition): Promise<CreatedQueue> {
  const attributes: Record<string, string> = {
    VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(queue.messageRetentionSeconds),
    ReceiveMessageWaitTimeSeconds: String(queue.receiveWaitTimeSeconds),
  };
  if (queue.deadLetter) {
    const dlq = await createQueue(sqs, prefix, queue.deadLetter.queue);
    attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: queue.deadLetter.maxReceiveCount });
  }
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: physicalQueueName(prefix, queue), Attributes: attributes }));
  if (!QueueUrl) throw new Error(`CreateQueue returned no URL for ${queue.name}`);
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: QueueUrl, arn: Attributes?.QueueArn ?? '' };
}

export async function createScanQueues(sqs: SQSClient, prefix: string): Promise<{ scanQueueUrl: string; deadLetterQueueUrl: string }> {
  const main = await createQueue(sqs, prefix, SCAN_QUEUE);
  const dlq = await createQueue(sqs, prefix, SCAN_DEAD_LETTER_QUEUE);
  return { scanQueueUrl: main.url, deadLetterQueueUrl: dlq.url };
}
