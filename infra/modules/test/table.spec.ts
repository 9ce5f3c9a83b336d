import { SCANS_TABLE, DOCUMENTS_TABLE, TableDefinition } from '@platform/shared';
import { Table } from '../src';
import { newStack, only, synthWith, testKey } from './support';

describe('Table', () => {
  it('builds an on-demand table with PITR, a customer KMS key and deletion protection by default', () => {
    const json = synthWith((s) => new Table(s, 't', { definition: SCANS_TABLE, tablePrefix: 'dev', encryptionKey: testKey(s) }));
    const table = only(json, 'aws_dynamodb_table');
    expect(table.name).toBe('dev-scans');
    expect(table.billing_mode).toBe('PAY_PER_REQUEST');
    expect(table.point_in_time_recovery).toEqual({ enabled: true });
    expect(table.server_side_encryption.enabled).toBe(true);
    expect(table.server_side_encryption.kms_key_arn).toMatch(/aws_kms_key/);
    expect(table.deletion_protection_enabled).toBe(true);
  });

  it('takes keys and GSIs from the shared definition', () => {
    const json = synthWith((s) => new Table(s, 't', { definition: SCANS_TABLE, tablePrefix: 'dev', encryptionKey: testKey(s) }));
    const table = only(json, 'aws_dynamodb_table');
    expect(table.hash_key).toBe('tenantId');
    expect(table.range_key).toBe('scanId');
    expect(table.attribute.map((a: { name: string }) => a.name).sort()).toEqual(['enqueuedAt', 'scanId', 'status', 'tenantId']);
    expect(table.global_secondary_index[0]).toMatchObject({ name: 'byStatus', hash_key: 'status', range_key: 'enqueuedAt', projection_type: 'KEYS_ONLY' });
    expect(table.ttl).toBeUndefined();
  });

  it('enables TTL when the definition names an attribute', () => {
    const json = synthWith((s) => new Table(s, 't', { definition: DOCUMENTS_TABLE, tablePrefix: 'dev', encryptionKey: testKey(s) }));
    expect(only(json, 'aws_dynamodb_table').ttl).toEqual({ attribute_name: 'expiresAt', enabled: true });
  });

  it('turns deletion protection off when asked (dev)', () => {
    const json = synthWith(
      (s) => new Table(s, 't', { definition: SCANS_TABLE, tablePrefix: 'dev', encryptionKey: testKey(s), deletionProtection: false }),
    );
    expect(only(json, 'aws_dynamodb_table').deletion_protection_enabled).toBe(false);
  });

  it('exposes index ARNs and rejects unknown indexes', () => {
    const s = newStack();
    const table = new Table(s, 't', { definition: SCANS_TABLE, tablePrefix: 'dev', encryptionKey: testKey(s) });
    expect(table.indexArn('byStatus')).toMatch(/\/index\/byStatus$/);
    expect(table.indexArns).toHaveLength(1);
    expect(() => table.indexArn('nope')).toThrow(/table scans has no index "nope"/);
  });

  it.each<[Partial<TableDefinition> | { prefix: string }, RegExp]>([
    [{ prefix: 'bad prefix' }, /tablePrefix must be letters/],
    [{ billingMode: 'PROVISIONED' as 'PAY_PER_REQUEST' }, /billingMode must be PAY_PER_REQUEST/],
    [
      { globalSecondaryIndexes: [...SCANS_TABLE.globalSecondaryIndexes, ...SCANS_TABLE.globalSecondaryIndexes] },
      /repeats an index name/,
    ],
    [{ sortKey: { name: 'tenantId', type: 'N' } }, /gives attribute "tenantId" two types/],
  ])('rejects %p', (override, message) => {
    const s = newStack();
    const { prefix, ...definitionOverride } = { prefix: 'dev', ...override } as { prefix: string } & Partial<TableDefinition>;
    expect(
      () => new Table(s, 't', { definition: { ...SCANS_TABLE, ...definitionOverride }, tablePrefix: prefix, encryptionKey: testKey(s) }),
    ).toThrow(message);
  });
});
