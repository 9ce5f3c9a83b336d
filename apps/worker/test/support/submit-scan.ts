import { createHash } from 'node:crypto';
import {
  DocumentRepository,
  ScanQueue,
  ScanRepository,
  newScanId,
  type AwsClients,
  type DetectorId,
  type Framework,
  type Scan,
} from '@platform/shared';

export interface SubmitOptions {
  tenantId?: string;
  framework?: Framework;
  detectors?: DetectorId[];
  /** Write the document (false: a scan item that references a missing document). @default true */
  writeDocument?: boolean;
  /** Send the SQS message (false: the API crashed between its DynamoDB write and its send). @default true */
  send?: boolean;
  /** Backdate the enqueue, e.g. for the sweeper. @default now */
  enqueuedAt?: string;
}

/** Writes a scan exactly as the API does: document, then the `queued` scan item, then the message. */
export async function submitScan(clients: AwsClients, tablePrefix: string, queueUrl: string, content: string, options: SubmitOptions = {}): Promise<Scan> {
  const now = new Date().toISOString();
  const scan: Scan = {
    tenantId: options.tenantId ?? 'tenant-e2e',
    scanId: newScanId(),
    status: 'queued',
    framework: options.framework ?? 'gdpr',
    detectors: options.detectors ?? [],
    sizeBytes: Buffer.byteLength(content, 'utf8'),
    contentSha256: createHash('sha256').update(content, 'utf8').digest('hex'),
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    enqueuedAt: options.enqueuedAt ?? now,
  };
  if (options.writeDocument !== false) {
    await new DocumentRepository(clients.dynamo, tablePrefix).put(scan.scanId, content, Math.floor(Date.now() / 1000) + 3600);
  }
  await new ScanRepository(clients.dynamo, tablePrefix).create(scan);
  if (options.send !== false) await new ScanQueue(clients.sqs, queueUrl).send({ tenantId: scan.tenantId, scanId: scan.scanId });
  return scan;
}
