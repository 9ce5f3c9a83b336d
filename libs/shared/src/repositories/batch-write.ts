import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const BATCH_SIZE = 25; // DynamoDB's BatchWriteItem limit
const MAX_UNPROCESSED_RETRIES = 8;

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Puts every item, retrying unprocessed items with backoff (throttling returns them, it does not throw).
 * With `signal`, stops before the next BatchWriteItem once it is aborted (throws its reason).
 */
export async function batchWriteAll(db: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[], signal?: AbortSignal): Promise<void> {
  await batchWriteRequests(db, tableName, items.map((Item) => ({ PutRequest: { Item } })), signal);
}

/** Deletes every key, the same way; deleting a key that is not there is a no-op, so a retried delete is harmless. */
export async function batchDeleteAll(db: DynamoDBDocumentClient, tableName: string, keys: Record<string, unknown>[]): Promise<void> {
  await batchWriteRequests(db, tableName, keys.map((Key) => ({ DeleteRequest: { Key } })));
}

async function batchWriteRequests(db: DynamoDBDocumentClient, tableName: string, all: WriteRequest[], signal?: AbortSignal): Promise<void> {
  for (let i = 0; i < all.length; i += BATCH_SIZE) {
    signal?.throwIfAborted();
    let requests = all.slice(i, i + BATCH_SIZE);
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > MAX_UNPROCESSED_RETRIES) throw new Error(`BatchWrite to ${tableName}: items still unprocessed after ${MAX_UNPROCESSED_RETRIES} retries`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}
