import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type AttributeDefinition,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITIONS, physicalTableName, type TableDefinition } from '../definitions/tables';

/** CreateTable input for a definition: the same keys and indexes the infra `data` stack declares. */
export function createTableInput(prefix: string, table: TableDefinition) {
  const attributes = new Map<string, AttributeDefinition>();
  const keys = [table.partitionKey, table.sortKey, ...table.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  for (const key of keys) if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  return {
    TableName: physicalTableName(prefix, table),
    BillingMode: table.billingMode,
    AttributeDefinitions: [...attributes.values()],
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' as const },
      ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(table.globalSecondaryIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((index) => ({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: { ProjectionType: index.projection },
          })),
        }
      : {}),
  };
}

/**
 * Creates every table (skipping ones that exist) and waits until they are ACTIVE.
 * TTL is not set here: the embedded DynamoDB has no UpdateTimeToLive, and expiry does not
 * matter for local data. Code never relies on TTL for correctness.
 */
export async function createTables(client: DynamoDBClient, prefix: string): Promise<void> {
  for (const table of TABLE_DEFINITIONS) {
    const input = createTableInput(prefix, table);
    try {
      await client.send(new CreateTableCommand(input));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    for (let i = 0; i < 100; i++) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
      if (Table?.TableStatus === 'ACTIVE') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
