import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The message body the API sends and the worker reads. Never carries document content. */
export interface ScanMessage {
  tenantId: string;
  scanId: string;
}

export function parseScanMessage(body: string | undefined): ScanMessage | undefined {
  try {
    const parsed = JSON.parse(body ?? '') as Partial<ScanMessage>;
    if (typeof parsed.tenantId === 'string' && typeof parsed.scanId === 'string' && parsed.tenantId && parsed.scanId) {
      return { tenantId: parsed.tenantId, scanId: parsed.scanId };
    }
  } catch {
    // fall through: unparseable is a poison message
  }
  return undefined;
}

export class ScanQueue {
  constructor(private readonly sqs: SQSClient, readonly queueUrl: string) {}

  async send(message: ScanMessage): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: JSON.stringify(message) }));
  }
}
