import { Construct } from 'constructs';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { InvalidPropsError, requireIntegerInRange, requireMatch } from './validation';
import { policyDocument, PolicyStatement } from './iam-policy';

export interface EncryptionKeyProps {
  /** What the key protects; shown in the KMS console. */
  readonly description: string;
  /** Alias without the `alias/` prefix, e.g. `dev-data`. */
  readonly aliasName: string;
  /** Account that owns the key; its IAM policies decide who else may use it. */
  readonly accountId: string;
  /** Region of the key (for the regional CloudWatch Logs principal). */
  readonly region: string;
  /**
   * AWS service principals that may use the key directly: `logs` for encrypted log groups (the
   * regional principal `logs.<region>.amazonaws.com`, limited to this account's log groups by the
   * `kms:EncryptionContext:aws:logs:arn` condition), `cloudwatch` for alarms publishing to an
   * encrypted SNS topic (`kms:Decrypt` and `kms:GenerateDataKey*`); `events`, `sns` and `sqs`
   * get encrypt/decrypt/data-key actions limited by `aws:SourceAccount`.
   * @default - none: only IAM principals of the account
   */
  readonly servicePrincipals?: readonly KeyServicePrincipal[];
  /** @default 30 */
  readonly deletionWindowDays?: number;
}

export type KeyServicePrincipal = 'logs' | 'cloudwatch' | 'events' | 'sns' | 'sqs';

/** The key policy statements that let AWS services use the key, each as its service documents it. */
export function servicePrincipalStatements(services: readonly KeyServicePrincipal[], accountId: string, region: string): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  if (services.includes('logs')) {
    // CloudWatch Logs user guide, "Encrypt log data in CloudWatch Logs using AWS Key Management
    // Service": the regional principal, limited by the encryption context CloudWatch Logs sends
    // (the log group ARN) to log groups of this account and region.
    statements.push({
      Sid: 'CloudWatchLogsUseKey',
      Effect: 'Allow',
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${region}:${accountId}:log-group:*` } },
    });
  }
  if (services.includes('cloudwatch')) {
    // Amazon SNS developer guide, "Managing Amazon SNS encryption keys and costs", section "Enable
    // compatibility between event sources from AWS services and encrypted topics": CloudWatch
    // alarms publish to an SSE-KMS topic only when the key policy allows cloudwatch.amazonaws.com
    // kms:Decrypt and kms:GenerateDataKey* (the documented statement has no condition; the topic
    // policy limits publishing to this account's alarms).
    statements.push({
      Sid: 'CloudWatchAlarmsUseKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
    });
  }
  const others = services.filter((name) => name !== 'logs' && name !== 'cloudwatch').map((name) => `${name}.amazonaws.com`);
  if (others.length > 0) {
    statements.push({
      Sid: 'ServicesUseKey',
      Effect: 'Allow',
      Principal: { Service: others },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
    });
  }
  return statements;
}

/** A customer-managed KMS key with rotation on and an explicit key policy. */
export class EncryptionKey extends Construct {
  readonly key: KmsKey;
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    requireMatch('EncryptionKey', 'accountId', props.accountId, /^\d{12}$/, 'a 12-digit AWS account id');
    requireMatch('EncryptionKey', 'aliasName', props.aliasName, /^[a-zA-Z0-9/_-]+$/, 'letters, digits, "/", "_" or "-"');
    if (props.aliasName.startsWith('aws/')) {
      throw new InvalidPropsError('EncryptionKey', 'aliasName must not start with "aws/" (reserved for AWS managed keys)');
    }
    const deletionWindowDays = requireIntegerInRange(
      'EncryptionKey',
      'deletionWindowDays',
      props.deletionWindowDays ?? 30,
      7,
      30,
    );
    const statements: PolicyStatement[] = [
      {
        Sid: 'AccountAdministersKey',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      ...servicePrincipalStatements(props.servicePrincipals ?? [], props.accountId, props.region),
    ];

    this.key = new KmsKey(this, 'key', {
      description: props.description,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: policyDocument(statements),
    });
    this.aliasName = `alias/${props.aliasName}`;
    new KmsAlias(this, 'alias', { name: this.aliasName, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
    this.keyId = this.key.keyId;
  }
}
