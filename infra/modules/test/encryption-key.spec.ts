import { AlarmTopic, EncryptionKey, KeyServicePrincipal } from '../src';
import { ACCOUNT_ID, Json, only, REGION, synthWith } from './support';

function keyPolicy(servicePrincipals: readonly KeyServicePrincipal[]): Json {
  const json = synthWith((s) => new EncryptionKey(s, 'k', { description: 'x', aliasName: 'dev-x', accountId: ACCOUNT_ID, region: REGION, servicePrincipals }));
  return JSON.parse(only(json, 'aws_kms_key').policy);
}

describe('EncryptionKey service statements', () => {
  it('limits CloudWatch Logs to this account\'s log groups by the logs encryption context, not aws:SourceAccount', () => {
    expect(keyPolicy(['logs']).Statement[1]).toEqual({
      Sid: 'CloudWatchLogsUseKey',
      Effect: 'Allow',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:eu-west-1:${ACCOUNT_ID}:log-group:*` } },
    });
  });

  it('gives CloudWatch alarms exactly kms:Decrypt and kms:GenerateDataKey* (what an encrypted SNS topic needs)', () => {
    expect(keyPolicy(['cloudwatch']).Statement[1]).toEqual({
      Sid: 'CloudWatchAlarmsUseKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    });
  });

  it('keeps one statement per service and aws:SourceAccount for the others', () => {
    const statements = keyPolicy(['logs', 'cloudwatch', 'events']).Statement;
    expect(statements.map((s: Json) => s.Sid)).toEqual(['AccountAdministersKey', 'CloudWatchLogsUseKey', 'CloudWatchAlarmsUseKey', 'ServicesUseKey']);
    expect(statements[3]).toMatchObject({ Principal: { Service: ['events.amazonaws.com'] }, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT_ID } } });
  });

  it('has only the account statement without service principals', () => {
    expect(keyPolicy([]).Statement.map((s: Json) => s.Sid)).toEqual(['AccountAdministersKey']);
  });
});

describe('AlarmTopic key', () => {
  it('lets CloudWatch alarms use the topic key', () => {
    const json = synthWith((s) => new AlarmTopic(s, 'alarms', { topicName: 'dev-alarms', emailAddresses: ['ops@example.com'], accountId: ACCOUNT_ID, region: REGION }));
    const statements = JSON.parse(only(json, 'aws_kms_key').policy).Statement;
    expect(statements).toContainEqual(expect.objectContaining({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }));
    expect(only(json, 'aws_sns_topic').kms_master_key_id).toMatch(/aws_kms_key\..*\.arn/);
  });
});
