import { App, Testing } from 'cdktf';
import { loadEnvironment } from '@platform/infra-config';
import { TABLE_DEFINITIONS } from '@platform/shared';
import { DataStack } from '../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const synth = (env: 'dev' | 'prod'): any =>
  JSON.parse(Testing.synth(new DataStack(Testing.app() as App, { config: loadEnvironment(env, {}) })));
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const tables = (json: any): any[] => Object.values(json.resource.aws_dynamodb_table);

describe('DataStack', () => {
  it('creates every shared table definition with PITR and KMS', () => {
    const json = synth('prod');
    expect(tables(json).map((t) => t.name).sort()).toEqual(TABLE_DEFINITIONS.map((d) => `prod-${d.name}`).sort());
    for (const table of tables(json)) {
      expect(table.point_in_time_recovery.enabled).toBe(true);
      expect(table.server_side_encryption.kms_key_arn).toMatch(/aws_kms_key/);
      expect(table.billing_mode).toBe('PAY_PER_REQUEST');
    }
  });

  it('protects tables from deletion in prod but not in dev', () => {
    expect(tables(synth('prod')).every((t) => t.deletion_protection_enabled === true)).toBe(true);
    expect(tables(synth('dev')).every((t) => t.deletion_protection_enabled === false)).toBe(true);
  });

  it('creates the scan queue and its DLQ, encrypted, with redrive', () => {
    const json = synth('dev');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const queues: any[] = Object.values(json.resource.aws_sqs_queue);
    expect(queues.map((q) => q.name).sort()).toEqual(['dev-scan-requests', 'dev-scan-requests-dlq']);
    expect(queues.every((q) => /aws_kms_key/.test(q.kms_master_key_id))).toBe(true);
    expect(JSON.parse(queues.find((q) => q.name === 'dev-scan-requests').redrive_policy).maxReceiveCount).toBe(5);
  });
});
