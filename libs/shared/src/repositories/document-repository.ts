import { promisify } from 'node:util';
import { gzip, gunzip } from 'node:zlib';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DOCUMENTS_TABLE, physicalTableName } from '../definitions/tables';
import { batchWriteAll } from './batch-write';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** DynamoDB items are capped at 400 KB; chunks stay well below with room for keys. */
export const DOCUMENT_CHUNK_BYTES = 300 * 1024;

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
}

