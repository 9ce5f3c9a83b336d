/**
 * The checker on real CDKTF output from public repositories (the external corpus, see its
 * SOURCES.md): every violation it reports there is listed here, so a rule that goes quiet or noisy
 * shows up. Output made by this project is checked in fixtures.spec.ts.
 */
import path from 'node:path';
import { fixturesCorpus } from '@platform/cli-support';
import { checkStacks, type PolicyReport } from '../src/check-stacks';
import { loadStackFile } from '../src/load-stacks';

const corpus = fixturesCorpus('cdktf-synth', 'policy-check on real CDKTF output from public repositories');
const FIXTURES = corpus.dir;

async function check(file: string): Promise<PolicyReport> {
  return checkStacks([await loadStackFile(path.join(FIXTURES, file))]);
}

function pairs(report: PolicyReport): string[] {
  return report.violations.map((v) => `${v.ruleId} ${v.address}`);
}

(corpus.present ? describe : describe.skip)('real CDKTF synth fixtures (external corpus)', () => {
  it('s3 website (website-stack): an unencrypted, unversioned bucket with no TLS deny; its public access block is complete', async () => {
    const report = await check('configure-aws-s3-website-website-stack.cdk.tf.json');
    expect(report.stacks).toEqual(['website-stack']);
    expect(pairs(report)).toEqual([
      'CKV_AWS_18 aws_s3_bucket.undefinedundefined-bucket',
      'CKV_AWS_19 aws_s3_bucket.undefinedundefined-bucket',
      'CKV_AWS_21 aws_s3_bucket.undefinedundefined-bucket',
      'PLAT_S3_TLS_ONLY aws_s3_bucket.undefinedundefined-bucket',
      'PLAT_TF_S3_BACKEND terraform.backend.s3',
    ]);
    // The bucket policy only lets the CloudFront origin identity read: no TLS deny, but not public either.
    expect(report.violations.find((v) => v.ruleId === 'PLAT_S3_TLS_ONLY')?.message).toBe(
      'bucket policy has no Deny when aws:SecureTransport is false',
    );
    expect(report.violations.find((v) => v.ruleId === 'PLAT_TF_S3_BACKEND')?.message).toBe(
      'S3 backend lacks encrypt = true and use_lockfile = true',
    );
  });

  it('ecs consul: log groups without retention or KMS, a service without circuit breaker, public IP off', async () => {
    const report = await check('cdktf-ecs-consul.cdk.tf.json');
    expect(pairs(report)).toEqual([
      'CKV_AWS_158 aws_cloudwatch_log_group.service_logs_30DB8EF6',
      'CKV_AWS_158 aws_cloudwatch_log_group.service_sidecar_logs_F0723DAB',
      'CKV_AWS_66 aws_cloudwatch_log_group.service_logs_30DB8EF6',
      'CKV_AWS_66 aws_cloudwatch_log_group.service_sidecar_logs_F0723DAB',
      'PLAT_ECS_CIRCUIT_BREAKER aws_ecs_service.images_serivce_71209E8F',
      'PLAT_ECS_SERVICE_ALARMS aws_ecs_service.images_serivce_71209E8F',
      'PLAT_TF_S3_BACKEND terraform.backend',
    ]);
    expect(report.violations[0].constructPath).toBe('cdktf-ecs-consul/service_logs/service_logs');
  });

  it('attestation manager: codebuild logs actions on Resource "*", bucket without SSE or TLS deny', async () => {
    const report = await check('obsidian-attestation-manager.cdk.tf.json');
    expect(pairs(report)).toEqual([
      'CKV_AWS_18 aws_s3_bucket.attestation-manager-binaries',
      'CKV_AWS_19 aws_s3_bucket.attestation-manager-binaries',
      'CKV_AWS_355 aws_iam_role_policy.codebuild-policy',
      'PLAT_S3_TLS_ONLY aws_s3_bucket.attestation-manager-binaries',
      'PLAT_TF_S3_BACKEND terraform.backend',
    ]);
    expect(report.violations.find((v) => v.ruleId === 'CKV_AWS_355')?.message).toBe(
      'policy statement (no Sid) allows logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents on Resource "*"',
    );
  });

  it('terraform-cdk synth app snapshot: unencrypted SNS topic, local + remote backends', async () => {
    const report = await check('terraform-cdk-synth-app-snapshot.cdk.tf.json');
    expect(pairs(report)).toEqual(['CKV_AWS_26 aws_sns_topic.Topic', 'PLAT_TF_S3_BACKEND terraform.backend']);
    expect(report.violations[1].message).toBe('stack uses backend local + remote, not one S3 backend');
  });

  it('wing topic/queue app: unencrypted queues without DLQ, bare table and bucket, log groups without KMS', async () => {
    const report = await check('wing-topic-subscribe-queue.main.tf.json');
    expect(report.stacks).toEqual(['root']);
    expect(pairs(report)).toEqual([
      'CKV_AWS_119 aws_dynamodb_table.Counter',
      'CKV_AWS_158 aws_cloudwatch_log_group.q1-SetConsumer0_CloudwatchLogGroup_B5256514',
      'CKV_AWS_158 aws_cloudwatch_log_group.q2-SetConsumer0_CloudwatchLogGroup_A9ABA3A4',
      'CKV_AWS_158 aws_cloudwatch_log_group.Topic-OnMessage0_CloudwatchLogGroup_DE4DF0A1',
      'CKV_AWS_18 aws_s3_bucket.Code',
      'CKV_AWS_19 aws_s3_bucket.Code',
      'CKV_AWS_21 aws_s3_bucket.Code',
      'CKV_AWS_26 aws_sns_topic.Topic',
      'CKV_AWS_27 aws_sqs_queue.q1',
      'CKV_AWS_27 aws_sqs_queue.q2',
      'CKV_AWS_28 aws_dynamodb_table.Counter',
      'CKV2_AWS_6 aws_s3_bucket.Code',
      'PLAT_DDB_DELETION_PROTECTION aws_dynamodb_table.Counter',
      'PLAT_S3_TLS_ONLY aws_s3_bucket.Code',
      'PLAT_SQS_DEAD_LETTER_QUEUE aws_sqs_queue.q1',
      'PLAT_SQS_DEAD_LETTER_QUEUE aws_sqs_queue.q2',
      'PLAT_TF_S3_BACKEND terraform.backend',
    ]);
    // Its role policies name exact ARNs: least-privilege rules stay quiet.
    expect(report.violations.filter((v) => v.category === 'least-privilege')).toEqual([]);
  });
});
