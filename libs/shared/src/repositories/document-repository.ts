import { promisify } from 'node:util';
import { gzip, gunzip } from 'node:zlib';
import { QueryCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DOCUMENTS_TABLE, physicalTableName } from '../definitions/tables';
import { batchDeleteAll, batchWriteAll } from './batch-write';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** DynamoDB items are capped at 400 KB; chunks stay well below with room for keys. */
export const DOCUMENT_CHUNK_BYTES = 300 * 1024;

/** The key of one stored chunk of a document. */
export interface DocumentChunkKey {
  readonly scanId: string;
  readonly chunk: number;
}

/** One page of expired chunks; `nextKey` continues the table scan, undefined at its end. */
export interface ExpiredChunksPage {
  readonly keys: DocumentChunkKey[];
  /** Items the page read (expired or not): what the page cost. */
  readonly scannedCount: number;
  readonly nextKey?: Record<string, unknown>;
}

/**
 * Documents are stored gzip-compressed, split into numbered chunks. Chunk writes are plain
 * puts of deterministic keys, so a retried upload overwrites instead of duplicating.
 */
export class DocumentRepository {
  readonly tableName: string;

  constructor(private readonly db: DynamoDBDocumentClient, tablePrefix: string) {
    this.tableName = physicalTableName(tablePrefix, DOCUMENTS_TABLE);
  }

  async put(scanId: string, content: string, expiresAtEpochSeconds: number): Promise<void> {
    const compressed = await gzipAsync(Buffer.from(content, 'utf8'));
    const chunkCount = Math.max(1, Math.ceil(compressed.length / DOCUMENT_CHUNK_BYTES));
    const items = Array.from({ length: chunkCount }, (_, chunk) => ({
      scanId,
      chunk,
      chunkCount,
      data: compressed.subarray(chunk * DOCUMENT_CHUNK_BYTES, (chunk + 1) * DOCUMENT_CHUNK_BYTES),
      expiresAt: expiresAtEpochSeconds,
    }));
    await batchWriteAll(this.db, this.tableName, items);
  }

  /** The document text, or undefined if it is missing or incomplete. */
  async get(scanId: string): Promise<string | undefined> {
    const chunks: { chunk: number; chunkCount: number; data: Uint8Array }[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'scanId = :scanId',
          ExpressionAttributeValues: { ':scanId': scanId },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      chunks.push(...((page.Items ?? []) as typeof chunks));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    if (chunks.length === 0 || chunks.length !== chunks[0].chunkCount) return undefined;
    chunks.sort((a, b) => a.chunk - b.chunk);
    const text = await gunzipAsync(Buffer.concat(chunks.map((c) => Buffer.from(c.data))));
    return text.toString('utf8');
  }

  /**
   * One page of a whole-table Scan for chunks whose `expiresAt` (epoch seconds) is before `nowEpochSeconds`.
   * DynamoDB's TTL deletes expired items lazily (up to days late) and the local emulator never does, so a
   * purge job deletes them itself. `limit` bounds the items read per page (before the filter).
   */
  async findExpired(nowEpochSeconds: number, options: { limit: number; startKey?: Record<string, unknown> }): Promise<ExpiredChunksPage> {
    const page = await this.db.send(
      new ScanCommand({
        TableName: this.tableName,
        FilterExpression: '#expiresAt < :now',
        ProjectionExpression: '#scanId, #chunk',
        ExpressionAttributeNames: { '#expiresAt': 'expiresAt', '#scanId': 'scanId', '#chunk': 'chunk' },
        ExpressionAttributeValues: { ':now': nowEpochSeconds },
        Limit: options.limit,
        ExclusiveStartKey: options.startKey,
      }),
    );
    return {
      keys: ((page.Items ?? []) as DocumentChunkKey[]).map(({ scanId, chunk }) => ({ scanId, chunk })),
      scannedCount: page.ScannedCount ?? 0,
      nextKey: page.LastEvaluatedKey,
    };
  }

  /** Deletes chunks by key (BatchWriteItem, unprocessed items retried); a chunk already gone is a no-op. */
  async deleteChunks(keys: readonly DocumentChunkKey[]): Promise<void> {
    await batchDeleteAll(this.db, this.tableName, keys.map(({ scanId, chunk }) => ({ scanId, chunk })));
  }
}
