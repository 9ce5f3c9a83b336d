/**
 * The checker on CDKTF synth output made in this repository (fixtures/synth-fixtures.ts, with this
 * workspace's cdktf and AWS provider): every violation it reports there is listed, so a rule that
 * goes quiet or noisy on real synth output shows up without the external corpus.
 */
import path from 'node:path';
import { checkStacks, type PolicyReport } from '../src/check-stacks';
import { loadStackFile } from '../src/load-stacks';

const FIXTURES = path.join(__dirname, 'fixtures/cdktf-synth');

async function check(file: string): Promise<PolicyReport> {
  return checkStacks([await loadStackFile(path.join(FIXTURES, file))]);
}

function pairs(report: PolicyReport): string[] {
  return report.violations.map((v) => `${v.ruleId} ${v.address}`);
}

describe('CDKTF synth fixtures made by the project', () => {
  it('legacy-jobs: queue without SSE or DLQ, log group without retention or KMS, logs on Resource "*", backend without encrypt/lockfile', async () => {
    const report = await check('legacy-jobs.cdk.tf.json');
    expect(report.stacks).toEqual(['legacy-jobs']);
    expect(pairs(report)).toEqual([
      'CKV_AWS_158 aws_cloudwatch_log_group.worker_logs',
      'CKV_AWS_27 aws_sqs_queue.jobs',
      'CKV_AWS_355 aws_iam_role_policy.worker_queue',
      'CKV_AWS_66 aws_cloudwatch_log_group.worker_logs',
      'PLAT_SQS_DEAD_LETTER_QUEUE aws_sqs_queue.jobs',
      'PLAT_TF_S3_BACKEND terraform.backend.s3',
    ]);
    // The policy is a JSON string inside the synth output; the statement naming an ARN stays quiet.
    expect(report.violations.find((v) => v.ruleId === 'CKV_AWS_355')?.message).toBe(
      'policy statement Logs allows logs:CreateLogStream, logs:PutLogEvents on Resource "*"',
    );
    expect(report.violations[0].constructPath).toBe('legacy-jobs/worker_logs');
  });

  it('legacy-data: bare bucket and table; its complete S3 backend passes', async () => {
    const report = await check('legacy-data.cdk.tf.json');
    expect(pairs(report)).toEqual([
      'CKV_AWS_119 aws_dynamodb_table.scans',
      'CKV_AWS_18 aws_s3_bucket.uploads',
      'CKV_AWS_19 aws_s3_bucket.uploads',
      'CKV_AWS_21 aws_s3_bucket.uploads',
      'CKV_AWS_28 aws_dynamodb_table.scans',
      'CKV2_AWS_6 aws_s3_bucket.uploads',
      'PLAT_DDB_DELETION_PROTECTION aws_dynamodb_table.scans',
      'PLAT_S3_TLS_ONLY aws_s3_bucket.uploads',
    ]);
  });
});
