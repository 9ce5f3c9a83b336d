import { findings, flagged, policyJson, ref, stackNamed } from '../helpers/stack-builder';

const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' };
const logsStatement = (condition: Record<string, unknown> | undefined) => ({
  Sid: 'Logs',
  Effect: 'Allow',
  Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
  Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:GenerateDataKey*'],
  Resource: '*',
  ...(condition ? { Condition: condition } : {}),
});
const logsContext = { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:*' } };
const key = (statements: Record<string, unknown>[]) => ({ enable_key_rotation: true, policy: policyJson(statements) });

describe('PLAT_KMS_LOGS_ENCRYPTION_CONTEXT', () => {
  it('catches a logs grant limited by aws:SourceAccount only, and a log group key that does not grant logs at all', () => {
    const stack = stackNamed()
      .resource('aws_kms_key', 'source_account', key([ROOT, logsStatement({ StringEquals: { 'aws:SourceAccount': '111111111111' } })]))
      .resource('aws_kms_key', 'no_grant', key([ROOT]))
      .resource('aws_cloudwatch_log_group', 'logs', { name: '/ecs/x', kms_key_id: ref('aws_kms_key', 'no_grant', 'arn') });
    expect(findings('PLAT_KMS_LOGS_ENCRYPTION_CONTEXT', stack)).toEqual([
      'aws_kms_key.source_account: statement Logs grants CloudWatch Logs without an ArnLike kms:EncryptionContext:aws:logs:arn condition',
      'aws_kms_key.no_grant: a log group is encrypted with this key but its policy does not grant CloudWatch Logs',
    ]);
  });

  it('passes the documented encryption-context condition and keys CloudWatch Logs does not use', () => {
    const stack = stackNamed()
      .resource('aws_kms_key', 'logs', key([ROOT, logsStatement(logsContext)]))
      .resource('aws_cloudwatch_log_group', 'logs', { name: '/ecs/x', kms_key_id: ref('aws_kms_key', 'logs', 'arn') })
      .resource('aws_kms_key', 'data', key([ROOT]));
    expect(flagged('PLAT_KMS_LOGS_ENCRYPTION_CONTEXT', stack)).toEqual([]);
  });
});

describe('PLAT_SNS_ALARM_TOPIC_KEY', () => {
  const cloudwatch = (actions: string[]) => ({ Sid: 'CloudWatch', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: actions, Resource: '*' });
  const alarmTopic = (statements: Record<string, unknown>[], topic = 'alarms') =>
    stackNamed()
      .resource('aws_kms_key', 'topic_key', key(statements))
      .resource('aws_sns_topic', topic, { name: topic, kms_master_key_id: ref('aws_kms_key', 'topic_key', 'arn') })
      .resource('aws_cloudwatch_metric_alarm', 'errors', { alarm_actions: [ref('aws_sns_topic', topic, 'arn')], namespace: 'App', metric_name: 'Errors' });

  it('catches a topic key without a cloudwatch statement, one with Decrypt only, and the AWS-managed key', () => {
    expect(findings('PLAT_SNS_ALARM_TOPIC_KEY', alarmTopic([ROOT]))).toEqual([
      'aws_sns_topic.alarms: alarms publish to this topic but its key aws_kms_key.topic_key does not allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey',
    ]);
    expect(flagged('PLAT_SNS_ALARM_TOPIC_KEY', alarmTopic([ROOT, cloudwatch(['kms:Decrypt'])]))).toEqual(['aws_sns_topic.alarms']);
    const managed = stackNamed()
      .resource('aws_sns_topic', 'alarms', { kms_master_key_id: 'alias/aws/sns' })
      .resource('aws_sns_topic_policy', 'alarms', {
        arn: ref('aws_sns_topic', 'alarms', 'arn'),
        policy: policyJson([{ Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: '*' }]),
      });
    expect(flagged('PLAT_SNS_ALARM_TOPIC_KEY', managed)).toEqual(['aws_sns_topic.alarms']);
  });

  it('passes the documented grant (also as wildcards) and topics no alarm publishes to', () => {
    expect(flagged('PLAT_SNS_ALARM_TOPIC_KEY', alarmTopic([ROOT, cloudwatch(['kms:Decrypt', 'kms:GenerateDataKey*'])]))).toEqual([]);
    expect(flagged('PLAT_SNS_ALARM_TOPIC_KEY', alarmTopic([ROOT, cloudwatch(['kms:Decrypt*', 'kms:GenerateDataKey*'])]))).toEqual([]);
    const quiet = stackNamed()
      .resource('aws_kms_key', 'k', key([ROOT]))
      .resource('aws_sns_topic', 'events', { kms_master_key_id: ref('aws_kms_key', 'k', 'arn') });
    expect(flagged('PLAT_SNS_ALARM_TOPIC_KEY', quiet)).toEqual([]);
  });
});
