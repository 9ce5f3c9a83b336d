import type { Message } from '@aws-sdk/client-sqs';

/** The parts of an SQS message the worker uses, typed and with defaults for missing attributes. */
export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string | undefined;
  /** 1 on first delivery. */
  receiveCount: number;
  /** Epoch ms the message was sent; for the QueueWaitMs metric. */
  sentTimestamp?: number;
}

export function toReceivedMessage(message: Message): ReceivedMessage | undefined {
  if (!message.MessageId || !message.ReceiptHandle) return undefined;
  const receiveCount = Number(message.Attributes?.ApproximateReceiveCount);
  const sent = Number(message.Attributes?.SentTimestamp);
  return {
    messageId: message.MessageId,
    receiptHandle: message.ReceiptHandle,
    body: message.Body,
    receiveCount: Number.isInteger(receiveCount) && receiveCount > 0 ? receiveCount : 1,
    sentTimestamp: Number.isFinite(sent) && sent > 0 ? sent : undefined,
  };
}
