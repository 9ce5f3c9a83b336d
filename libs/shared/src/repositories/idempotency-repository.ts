import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { IDEMPOTENCY_TABLE, physicalTableName } from '../definitions/tables';

export interface IdempotencyRecord {
  idempotencyId: string;
  requestHash: string;
  scanId: string;
  createdAt: string;
  expiresAt: number;
}

export type ClaimResult = { outcome: 'claimed' } | { outcome: 'existing'; record: IdempotencyRecord };

/** Idempotency-Key records. The first request wins a conditional put; retries read its scan id. */
export class IdempotencyRepository {
  readonly tableName: string;

  constructor(private readonly db: DynamoDBDocumentClient, tablePrefix: string) {
    this.tableName = physicalTableName(tablePrefix, IDEMPOTENCY_TABLE);
  }

  static recordId(tenantId: string, key: string): string {
    return `${tenantId}#${key}`;
  }

  async claim(record: IdempotencyRecord): Promise<ClaimResult> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: record,
          // An expired record (TTL deletion is lazy) counts as absent.
          ConditionExpression: 'attribute_not_exists(idempotencyId) OR expiresAt < :nowEpoch',
          ExpressionAttributeValues: { ':nowEpoch': Math.floor(Date.now() / 1000) },
        }),
      );
      return { outcome: 'claimed' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: { idempotencyId: record.idempotencyId }, ConsistentRead: true }),
      );
      if (!existing.Item) return this.claim(record); // expired and deleted in between
      return { outcome: 'existing', record: existing.Item as IdempotencyRecord };
    }
  }
}
