import * as path from 'node:path';
import { readPlanFile, summarizePlan, type StackSummary } from '../src';

const FIXTURES = path.join(__dirname, 'fixtures');

async function summarize(name: string): Promise<StackSummary> {
  return summarizePlan(await readPlanFile(name, FIXTURES), name, name.replace('.json', ''));
}

describe('summarizePlan on the project fixtures', () => {
  it('counts every kind of change once (prod/data: create, update, both replace orders, read, no-op)', async () => {
    const s = await summarize('prod-data.json');
    expect({ create: s.create, update: s.update, delete: s.delete, replace: s.replace, read: s.read, noop: s.noop }).toEqual({
      create: 1,
      update: 1,
      delete: 0,
      replace: 2,
      read: 1,
      noop: 1,
    });
  });

  it('reads replace_paths inside `change` and beside it, and tells the two replacement orders apart', async () => {
    const s = await summarize('prod-data.json');
    expect(s.destructive).toEqual([
      {
        address: 'aws_dynamodb_table.scans',
        type: 'aws_dynamodb_table',
        action: 'replace',
        actionReason: 'an attribute cannot be updated in place',
        replacePaths: ['hash_key'],
        order: 'destroy then create',
      },
      {
        address: 'aws_sqs_queue.scans_dlq',
        type: 'aws_sqs_queue',
        action: 'replace',
        actionReason: 'an attribute cannot be updated in place',
        replacePaths: ['fifo_queue'],
        order: 'create before destroy',
      },
    ]);
    expect(s.dangerous.map((d) => [d.address, d.reason])).toEqual([
      ['aws_dynamodb_table.scans', 'stateful resource type aws_dynamodb_table; replacement forced by hash_key'],
      ['aws_sqs_queue.scans_dlq', 'stateful resource type aws_sqs_queue; replacement forced by fifo_queue'],
    ]);
  });

  it('lists drift apart from the counts, and output changes without their values', async () => {
    const s = await summarize('prod-data.json');
    expect(s.drift).toEqual([{ address: 'aws_dynamodb_table.scans', type: 'aws_dynamodb_table', action: 'update' }]);
    expect(s.outputs).toEqual([
      { name: 'table_name', action: 'update', sensitive: false },
      { name: 'dlq_url', action: 'create', sensitive: false },
      { name: 'service_api_key', action: 'update', sensitive: true },
      { name: 'old_output', action: 'delete', sensitive: false },
    ]);
    expect(JSON.stringify(s)).not.toContain('"before"');
  });

  it('reads data sources as `read` with a data. address', async () => {
    const s = await summarize('prod-data.json');
    expect(s.changed).toContainEqual({ address: 'data.aws_iam_policy_document.queue', kind: 'read' });
  });

  it('does not flag stateless deletes and replacements, and counts forget apart from delete', async () => {
    const s = await summarize('dev-service.json');
    expect([s.create, s.update, s.delete, s.replace, s.noop, s.forget]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(s.dangerous).toEqual([]);
    expect(s.destructive.map((d) => `${d.action} ${d.address} ${d.replacePaths.join(',')}`)).toEqual([
      'replace module.api.aws_ecs_task_definition.this container_definitions',
      'delete aws_iam_role_policy.api_old ',
    ]);
  });

  it('flags deletion protection in any of its spellings, S3 bucket sub-resources and for_each ECR repositories', async () => {
    const s = await summarize('staging-legacy.json');
    expect(s.dangerous.map((d) => [d.address, d.reason.split(';')[0]])).toEqual([
      ['aws_rds_cluster.legacy', 'deletion_protection is enabled on it'],
      ['aws_lb.old', 'enable_deletion_protection is enabled on it'],
      ['aws_s3_bucket_policy.logs', 'stateful resource type aws_s3_bucket_policy'],
      ['aws_ecr_repository.images["api"]', 'stateful resource type aws_ecr_repository'],
    ]);
    // an update of a stateful type is not dangerous; a delete of a plain IAM role is not either
    expect(s.dangerous.map((d) => d.address)).not.toContain('aws_cloudwatch_log_group.api');
    expect(s.dangerous.map((d) => d.address)).not.toContain('aws_iam_role.old');
  });

  it('summarizes a plan without resource_changes as no changes', async () => {
    const s = await summarize('dev-network.json');
    expect([s.create, s.update, s.delete, s.replace, s.read, s.noop]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(s.terraformVersion).toBe('1.9.8');
  });
});
