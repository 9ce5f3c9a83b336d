import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TestEnvironment } from './environment';

/** How many findings of `scanId` are stored (a COUNT query: no items are transferred). */
export async function countFindings(env: TestEnvironment, scanId: string): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await env.clients.dynamo.send(
      new QueryCommand({
        TableName: env.findings.tableName,
        KeyConditionExpression: 'scanId = :scanId',
        ExpressionAttributeValues: { ':scanId': scanId },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}
