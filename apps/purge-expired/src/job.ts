import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { DocumentRepository, type DocumentChunkKey } from '@platform/shared';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from 'pino';
import type { Config } from './config';

export interface JobContext {
  /** Aborted on SIGTERM and when MAX_RUNTIME_SECONDS is up: stop between batches and return. */
  readonly signal: AbortSignal;
  readonly log: Logger;
  readonly dynamo: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  /** Epoch seconds; documents whose expiresAt is before it are purged. @default now */
  readonly nowEpochSeconds?: number;
}

export interface JobCounts {
  /** Document chunks deleted by this run. */
  documentsPurged: number;
  /** Items the scan read (expired or not). */
  itemsScanned: number;
  /** ApproximateNumberOfMessages of scan-requests-dlq; undefined when it could not be read. */
  deadLetterDepth?: number;
}

export interface JobResult {
  /** True when the run stopped early (signal or time budget); what is left is done by the next run. */
  readonly stopped: boolean;
  /** True when MAX_ITEMS was reached before the end of the table. */
  readonly limited: boolean;
  readonly counts: JobCounts;
}

/** A step of the run failed; the counts say what the run did before and besides it. */
export class JobFailedError extends Error {
  constructor(
    message: string,
    readonly counts: JobCounts,
  ) {
    super(message);
    this.name = 'JobFailedError';
  }
}

/** DynamoDB's BatchWriteItem limit: the run checks its signal between batches of this size. */
const DELETE_BATCH = 25;

/**
 * One nightly run: (a) deletes the document chunks whose expiresAt is past, page by page and in batches,
 * at most MAX_ITEMS per run, stopping between batches when the signal aborts; (b) reads the depth of the
 * scan dead-letter queue. Both steps run even if the other fails; any failure fails the run. Idempotent:
 * an interrupted run leaves only unexpired or not-yet-deleted chunks, and the next run continues.
 *
 * Why not DynamoDB TTL alone: TTL deletes lazily (up to days after expiry) and dynalite never does, and a
 * document past its retention must not be readable. A chunk re-put between the scan and the delete (a
 * retried upload) would be deleted too; uploads are retried within seconds of creation, expiry is days later.
 */
export async function runJob(config: Config, context: JobContext): Promise<JobResult> {
  const counts: JobCounts = { documentsPurged: 0, itemsScanned: 0 };
  const problems: string[] = [];
  let outcome = { stopped: false, limited: false };
  try {
    outcome = await purgeExpired(config, context, counts);
  } catch (error) {
    problems.push(`purging expired documents failed: ${describe(error)}`);
  }
  try {
    counts.deadLetterDepth = await deadLetterDepth(context.sqs, config.deadLetterQueueUrl);
  } catch (error) {
    problems.push(`reading the depth of the scan dead-letter queue (SCAN_DLQ_URL) failed: ${describe(error)}`);
  }
  if (problems.length > 0) throw new JobFailedError(problems.join('; '), counts);
  return { ...outcome, counts };
}

async function purgeExpired(config: Config, context: JobContext, counts: JobCounts): Promise<{ stopped: boolean; limited: boolean }> {
  const documents = new DocumentRepository(context.dynamo, config.tablePrefix);
  const now = context.nowEpochSeconds ?? Math.floor(Date.now() / 1000);
  let startKey: Record<string, unknown> | undefined;
  do {
    if (context.signal.aborted) return { stopped: true, limited: false };
    const page = await documents.findExpired(now, { limit: config.scanPageSize, startKey });
    counts.itemsScanned += page.scannedCount;
    const keys = page.keys.slice(0, config.maxItems - counts.documentsPurged);
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      if (context.signal.aborted) return { stopped: true, limited: false };
      const batch: DocumentChunkKey[] = keys.slice(i, i + DELETE_BATCH);
      await documents.deleteChunks(batch);
      counts.documentsPurged += batch.length;
      context.log.debug({ deleted: batch.length, documentsPurged: counts.documentsPurged }, 'batch deleted');
    }
    if (counts.documentsPurged >= config.maxItems) return { stopped: false, limited: page.nextKey !== undefined || keys.length < page.keys.length };
    startKey = page.nextKey;
  } while (startKey);
  return { stopped: false, limited: false };
}

async function deadLetterDepth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
  const depth = Number(Attributes?.ApproximateNumberOfMessages);
  if (!Number.isFinite(depth)) throw new Error('GetQueueAttributes returned no ApproximateNumberOfMessages');
  return depth;
}

/** Class and message of an error (SDK errors name the AWS error code), never a stack. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
