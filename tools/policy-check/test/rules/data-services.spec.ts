import { findings, flagged, ref, stackNamed } from '../helpers/stack-builder';

const kmsArn = ref('aws_kms_key', 'data', 'arn');
const goodTable = {
  name: 'scans',
  billing_mode: 'PAY_PER_REQUEST',
  server_side_encryption: { enabled: true, kms_key_arn: kmsArn },
  point_in_time_recovery: { enabled: true },
  deletion_protection_enabled: true,
};

describe('CKV_AWS_119', () => {
  it('catches a table without SSE and one on the AWS-managed key', () => {
    const stack = stackNamed()
      .resource('aws_dynamodb_table', 'plain', { name: 'plain' })
      .resource('aws_dynamodb_table', 'managed', { name: 'managed', server_side_encryption: { enabled: true } });
    expect(findings('CKV_AWS_119', stack)).toEqual([
      'aws_dynamodb_table.plain: server_side_encryption is not enabled (AWS-owned key only)',
      'aws_dynamodb_table.managed: server_side_encryption has no kms_key_arn (AWS-managed key, not a CMK)',
    ]);
  });

  it('passes a table encrypted with a referenced customer-managed key', () => {
    expect(flagged('CKV_AWS_119', stackNamed().resource('aws_dynamodb_table', 'scans', goodTable))).toEqual([]);
  });
});

describe('CKV_AWS_28', () => {
  it('catches a table without point-in-time recovery', () => {
    const stack = stackNamed().resource('aws_dynamodb_table', 't', { ...goodTable, point_in_time_recovery: [{ enabled: false }] });
    expect(flagged('CKV_AWS_28', stack)).toEqual(['aws_dynamodb_table.t']);
  });

  it('passes a table with PITR', () => {
    expect(flagged('CKV_AWS_28', stackNamed().resource('aws_dynamodb_table', 't', goodTable))).toEqual([]);
  });
});

describe('PLAT_DDB_DELETION_PROTECTION', () => {
  const unprotected = { ...goodTable, deletion_protection_enabled: false };

  it('catches an unprotected table in prod, staging and an unknown environment', () => {
    expect(findings('PLAT_DDB_DELETION_PROTECTION', stackNamed('prod-data').resource('aws_dynamodb_table', 't', unprotected))).toEqual([
      'aws_dynamodb_table.t: deletion_protection_enabled is not true in environment prod (from stack name prod-data)',
    ]);
    const staging = stackNamed('data').defaultTags({ env: 'staging' }).resource('aws_dynamodb_table', 't', unprotected);
    expect(findings('PLAT_DDB_DELETION_PROTECTION', staging)[0]).toContain('environment staging (from provider default tag env=staging)');
    expect(flagged('PLAT_DDB_DELETION_PROTECTION', stackNamed('data').resource('aws_dynamodb_table', 't', unprotected))).toEqual([
      'aws_dynamodb_table.t',
    ]);
  });

  it('passes a protected table anywhere and an unprotected one in dev (told by backend key)', () => {
    expect(flagged('PLAT_DDB_DELETION_PROTECTION', stackNamed('prod-data').resource('aws_dynamodb_table', 't', goodTable))).toEqual([]);
    const dev = stackNamed('data').s3Backend({ key: 'dev/data.tfstate' }).resource('aws_dynamodb_table', 't', unprotected);
    expect(flagged('PLAT_DDB_DELETION_PROTECTION', dev)).toEqual([]);
  });
});

describe('CKV_AWS_27', () => {
  it('catches an unencrypted queue', () => {
    expect(flagged('CKV_AWS_27', stackNamed().resource('aws_sqs_queue', 'q', { name: 'q' }))).toEqual(['aws_sqs_queue.q']);
  });

  it('passes a KMS queue and an SSE-SQS queue', () => {
    const stack = stackNamed()
      .resource('aws_sqs_queue', 'kms', { kms_master_key_id: kmsArn })
      .resource('aws_sqs_queue', 'sse', { sqs_managed_sse_enabled: true });
    expect(flagged('CKV_AWS_27', stack)).toEqual([]);
  });
});

describe('PLAT_SQS_DEAD_LETTER_QUEUE', () => {
  it('catches a work queue without a redrive policy and one whose policy lacks maxReceiveCount', () => {
    const stack = stackNamed()
      .resource('aws_sqs_queue', 'jobs', { name: 'jobs' })
      .resource('aws_sqs_queue', 'half', { redrive_policy: JSON.stringify({ deadLetterTargetArn: ref('aws_sqs_queue', 'x', 'arn') }) });
    expect(findings('PLAT_SQS_DEAD_LETTER_QUEUE', stack)).toEqual([
      'aws_sqs_queue.jobs: queue has no redrive policy, so poison messages are retried forever',
      'aws_sqs_queue.half: redrive policy lacks deadLetterTargetArn or maxReceiveCount',
    ]);
  });

  it('passes a queue with a redrive policy, and does not ask the DLQ for one', () => {
    const inline = stackNamed()
      .resource('aws_sqs_queue', 'dlq', { name: 'jobs-dlq' })
      .resource('aws_sqs_queue', 'jobs', {
        redrive_policy: JSON.stringify({ deadLetterTargetArn: ref('aws_sqs_queue', 'dlq', 'arn'), maxReceiveCount: 5 }),
      });
    expect(flagged('PLAT_SQS_DEAD_LETTER_QUEUE', inline)).toEqual([]);
    const companion = stackNamed()
      .resource('aws_sqs_queue', 'dlq', { name: 'jobs-dlq' })
      .resource('aws_sqs_queue', 'jobs', { name: 'jobs' })
      .resource('aws_sqs_queue_redrive_policy', 'r', {
        queue_url: ref('aws_sqs_queue', 'jobs', 'id'),
        redrive_policy: `\${jsonencode({deadLetterTargetArn = ${ref('aws_sqs_queue', 'dlq', 'arn').slice(2, -1)}, maxReceiveCount = 4})}`,
      });
    expect(flagged('PLAT_SQS_DEAD_LETTER_QUEUE', companion)).toEqual([]);
  });

  it("does not ask a schedule's dead-letter queue for one, but still checks a queue a schedule only sends to", () => {
    const schedule = (queue: string) =>
      stackNamed()
        .resource('aws_sqs_queue', 'failed', { name: 'job-failed-runs' })
        .resource('aws_scheduler_schedule', 'job', {
          target: { arn: 'arn:aws:ecs:eu-west-1:000000000000:cluster/c', dead_letter_config: { arn: ref('aws_sqs_queue', queue, 'arn') } },
        });
    expect(flagged('PLAT_SQS_DEAD_LETTER_QUEUE', schedule('failed'))).toEqual([]);
    expect(flagged('PLAT_SQS_DEAD_LETTER_QUEUE', schedule('other'))).toEqual(['aws_sqs_queue.failed']);
  });
});

describe('CKV_AWS_26', () => {
  it('catches a topic without KMS', () => {
    expect(flagged('CKV_AWS_26', stackNamed().resource('aws_sns_topic', 'alarms', { name: 'alarms' }))).toEqual(['aws_sns_topic.alarms']);
  });

  it('passes a topic with kms_master_key_id', () => {
    expect(flagged('CKV_AWS_26', stackNamed().resource('aws_sns_topic', 'alarms', { kms_master_key_id: ref('aws_kms_key', 'k', 'id') }))).toEqual([]);
  });
});

describe('CKV_AWS_158', () => {
  it('catches a log group without kms_key_id', () => {
    expect(flagged('CKV_AWS_158', stackNamed().resource('aws_cloudwatch_log_group', 'api', { retention_in_days: 30 }))).toEqual([
      'aws_cloudwatch_log_group.api',
    ]);
  });

  it('passes a log group with a key', () => {
    expect(flagged('CKV_AWS_158', stackNamed().resource('aws_cloudwatch_log_group', 'api', { kms_key_id: kmsArn }))).toEqual([]);
  });
});

describe('CKV_AWS_66', () => {
  it('catches a log group without retention', () => {
    expect(flagged('CKV_AWS_66', stackNamed().resource('aws_cloudwatch_log_group', 'api', { name: '/ecs/api' }))).toEqual([
      'aws_cloudwatch_log_group.api',
    ]);
  });

  it('passes a log group with retention', () => {
    expect(flagged('CKV_AWS_66', stackNamed().resource('aws_cloudwatch_log_group', 'api', { retention_in_days: 30 }))).toEqual([]);
  });
});

describe('CKV_AWS_7', () => {
  it('catches a symmetric key without rotation', () => {
    expect(flagged('CKV_AWS_7', stackNamed().resource('aws_kms_key', 'k', { description: 'data' }))).toEqual(['aws_kms_key.k']);
  });

  it('passes a rotated key and ignores asymmetric keys, which cannot rotate', () => {
    const stack = stackNamed()
      .resource('aws_kms_key', 'k', { enable_key_rotation: true })
      .resource('aws_kms_key', 'sign', { customer_master_key_spec: 'ECC_NIST_P256', key_usage: 'SIGN_VERIFY' });
    expect(flagged('CKV_AWS_7', stack)).toEqual([]);
  });
});
