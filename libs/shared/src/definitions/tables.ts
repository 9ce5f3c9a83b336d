/**
 * DynamoDB table definitions: the one source of truth read by local dev (to create tables
 * in the embedded DynamoDB) and by the infra `data` stack (to create the real tables).
 * Plain data only, so neither side depends on the other's libraries.
 */
export type AttributeType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: AttributeType;
}

export interface GlobalSecondaryIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Which attributes the index carries. KEYS_ONLY keeps it cheap. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDefinition {
  /** Logical name; the physical name is `${prefix}-${name}`. */
  readonly name: string;
  readonly description: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalSecondaryIndexes: readonly GlobalSecondaryIndexDefinition[];
  /** Attribute holding an epoch-seconds expiry, if the table uses TTL. */
  readonly ttlAttribute?: string;
  readonly billingMode: 'PAY_PER_REQUEST';
}

export const SCANS_TABLE: TableDefinition = {
  name: 'scans',
  description: 'One item per scan; listed per tenant newest first (scanId is a ULID).',
  partitionKey: { name: 'tenantId', type: 'S' },
  sortKey: { name: 'scanId', type: 'S' },
  globalSecondaryIndexes: [
    {
      // The sweeper finds scans stuck in `queued` without scanning the table.
      indexName: 'byStatus',
      partitionKey: { name: 'status', type: 'S' },
      sortKey: { name: 'enqueuedAt', type: 'S' },
      projection: 'KEYS_ONLY',
    },
  ],
  billingMode: 'PAY_PER_REQUEST',
};

export const DOCUMENTS_TABLE: TableDefinition = {
  name: 'documents',
  description: 'Submitted documents, gzip-compressed and split into chunks under the 400 KB item limit.',
  partitionKey: { name: 'scanId', type: 'S' },
  sortKey: { name: 'chunk', type: 'N' },
  globalSecondaryIndexes: [],
  ttlAttribute: 'expiresAt',
  billingMode: 'PAY_PER_REQUEST',
};

export const FINDINGS_TABLE: TableDefinition = {
  name: 'findings',
  description: 'Findings per scan; deterministic sort keys make a retried write an overwrite, not a duplicate.',
  partitionKey: { name: 'scanId', type: 'S' },
  sortKey: { name: 'findingId', type: 'S' },
  globalSecondaryIndexes: [],
  billingMode: 'PAY_PER_REQUEST',
};

export const IDEMPOTENCY_TABLE: TableDefinition = {
  name: 'idempotency',
  description: 'Idempotency-Key records per tenant, expired by TTL.',
  partitionKey: { name: 'idempotencyId', type: 'S' },
  globalSecondaryIndexes: [],
  ttlAttribute: 'expiresAt',
  billingMode: 'PAY_PER_REQUEST',
};

export const API_KEYS_TABLE: TableDefinition = {
  name: 'api-keys',
  description: 'API keys by sha256 hash; the plaintext key is never stored.',
  partitionKey: { name: 'keyHash', type: 'S' },
  globalSecondaryIndexes: [],
  billingMode: 'PAY_PER_REQUEST',
};

export const TABLE_DEFINITIONS = [
  SCANS_TABLE,
  DOCUMENTS_TABLE,
  FINDINGS_TABLE,
  IDEMPOTENCY_TABLE,
  API_KEYS_TABLE,
] as const;

export type TableName = (typeof TABLE_DEFINITIONS)[number]['name'];

export function physicalTableName(prefix: string, table: TableDefinition): string {
  return `${prefix}-${table.name}`;
}
