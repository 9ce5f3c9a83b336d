import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { QueueError } from './errors';
import { toReceivedMessage, type ReceivedMessage } from './received-message';

/** The three SQS calls of a consumer, with errors wrapped so they name the message. */
export class QueueClient {
  constructor(
    private readonly sqs: SQSClient,
    readonly queueUrl: string,
  ) {}

  async receive(maxMessages: number, waitTimeSeconds: number, visibilityTimeoutSeconds: number, signal?: AbortSignal): Promise<ReceivedMessage[]> {
    try {
      const result = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: Math.min(10, Math.max(1, maxMessages)),
          WaitTimeSeconds: waitTimeSeconds,
          VisibilityTimeout: visibilityTimeoutSeconds,
          MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
        }),
        { abortSignal: signal },
      );
      return (result.Messages ?? []).map(toReceivedMessage).filter((m): m is ReceivedMessage => m !== undefined);
    } catch (error) {
      throw new QueueError('ReceiveMessage failed', undefined, { cause: error });
    }
  }

  async delete(message: ReceivedMessage): Promise<void> {
    try {
      await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.receiptHandle }));
    } catch (error) {
      throw new QueueError('DeleteMessage failed', message.messageId, { cause: error });
    }
  }

  /** 0 makes the message visible at once; n hides it (again) for n seconds from now. */
  async changeVisibility(message: ReceivedMessage, seconds: number): Promise<void> {
    try {
      await this.sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.receiptHandle, VisibilityTimeout: Math.max(0, Math.min(43200, Math.round(seconds))) }),
      );
    } catch (error) {
      throw new QueueError('ChangeMessageVisibility failed', message.messageId, { cause: error });
    }
  }
}
