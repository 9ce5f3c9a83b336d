import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { FINDINGS_TABLE, physicalTableName } from '../definitions/tables';
import type { Finding } from '../domain/scan';
import { batchWriteAll } from './batch-write';
import type { Page } from './page';

/** Findings of a scan. Finding ids are deterministic, so rewriting after a crash leaves no duplicates. */
export class FindingRepository {
  readonly tableName: string;

  constructor(private readonly db: DynamoDBDocumentClient, tablePrefix: string) {
    this.tableName = physicalTableName(tablePrefix, FINDINGS_TABLE);
  }

  /** `signal` stops the writes between two BatchWriteItem calls (25 findings) once aborted. */
  async putAll(scanId: string, findings: readonly Finding[], signal?: AbortSignal): Promise<void> {
    await batchWriteAll(this.db, this.tableName, findings.map((finding) => ({ scanId, ...finding })), signal);
  }

  async list(scanId: string, options: { limit: number; startKey?: Record<string, unknown> }): Promise<Page<Finding>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'scanId = :scanId',
        ExpressionAttributeValues: { ':scanId': scanId },
        Limit: options.limit,
        ExclusiveStartKey: options.startKey,
      }),
    );
    return { items: (result.Items ?? []).map(stripKey), lastKey: result.LastEvaluatedKey };
  }

  async listAll(scanId: string): Promise<Finding[]> {
    const all: Finding[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.list(scanId, { limit: 500, startKey });
      all.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return all;
  }
}

function stripKey(item: Record<string, unknown>): Finding {
  const { scanId: _scanId, ...finding } = item;
  return finding as unknown as Finding;
}
