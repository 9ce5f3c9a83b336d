import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import type { KeyAttribute, TableDefinition } from '@platform/shared';
import { physicalTableName } from '@platform/shared';
import { EncryptionKey } from './encryption-key';
import { InvalidPropsError, requireMatch } from './validation';

export interface TableProps {
  /** Keys, indexes and TTL: the same definition local dev uses. */
  readonly definition: TableDefinition;
  /** Physical name is `${tablePrefix}-${definition.name}`. */
  readonly tablePrefix: string;
  /** Customer-managed key for encryption at rest. */
  readonly encryptionKey: EncryptionKey;
  /** Refuse `DeleteTable` until turned off. @default true */
  readonly deletionProtection?: boolean;
  /** Continuous backups (35 days of restore points). @default true */
  readonly pointInTimeRecovery?: boolean;
}

/** A DynamoDB table built from a shared `TableDefinition`: on demand, PITR, KMS, TTL, GSIs. */
export class Table extends Construct {
  readonly table: DynamodbTable;
  readonly tableName: string;
  readonly tableArn: string;
  readonly definition: TableDefinition;
  readonly encryptionKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: TableProps) {
    super(scope, id);
    const name = 'Table';
    const def = props.definition;
    requireMatch(name, 'tablePrefix', props.tablePrefix, /^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." or "-"');
    if (def.billingMode !== 'PAY_PER_REQUEST') {
      throw new InvalidPropsError(name, `definition.billingMode must be PAY_PER_REQUEST, got ${def.billingMode}`);
    }
    const indexNames = def.globalSecondaryIndexes.map((i) => i.indexName);
    if (new Set(indexNames).size !== indexNames.length) {
      throw new InvalidPropsError(name, `definition.globalSecondaryIndexes repeats an index name in ${def.name}`);
    }
    const attributes = new Map<string, KeyAttribute>();
    const keys = [def.partitionKey, def.sortKey, ...def.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])];
    for (const key of keys) {
      if (!key) continue;
      const seen = attributes.get(key.name);
      if (seen && seen.type !== key.type) {
        throw new InvalidPropsError(
          name,
          `definition of ${def.name} gives attribute "${key.name}" two types (${seen.type} and ${key.type})`,
        );
      }
      attributes.set(key.name, key);
    }
    this.definition = def;
    this.encryptionKey = props.encryptionKey;

    this.table = new DynamodbTable(this, 'table', {
      name: physicalTableName(props.tablePrefix, def),
      billingMode: 'PAY_PER_REQUEST',
      hashKey: def.partitionKey.name,
      rangeKey: def.sortKey?.name,
      attribute: [...attributes.values()].map((a) => ({ name: a.name, type: a.type })),
      globalSecondaryIndex: def.globalSecondaryIndexes.map((index) => ({
        name: index.indexName,
        hashKey: index.partitionKey.name,
        rangeKey: index.sortKey?.name,
        projectionType: index.projection,
      })),
      pointInTimeRecovery: { enabled: props.pointInTimeRecovery ?? true },
      serverSideEncryption: { enabled: true, kmsKeyArn: props.encryptionKey.keyArn },
      deletionProtectionEnabled: props.deletionProtection ?? true,
      ...(def.ttlAttribute ? { ttl: { attributeName: def.ttlAttribute, enabled: true } } : {}),
      tags: { Description: def.description.slice(0, 256) },
    });
    this.tableName = this.table.name;
    this.tableArn = this.table.arn;
  }

  /** ARN of one of this table's indexes (for a policy that may query only that index). */
  indexArn(indexName: string): string {
    if (!this.definition.globalSecondaryIndexes.some((i) => i.indexName === indexName)) {
      throw new InvalidPropsError('Table', `table ${this.definition.name} has no index "${indexName}"`);
    }
    return `${this.tableArn}/index/${indexName}`;
  }

  /** ARNs of every index of the table. */
  get indexArns(): string[] {
    return this.definition.globalSecondaryIndexes.map((i) => `${this.tableArn}/index/${i.indexName}`);
  }
}
