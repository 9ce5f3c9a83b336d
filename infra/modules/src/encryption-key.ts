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
   * AWS service principals that may use the key directly (e.g. `logs` for encrypted log
   * groups, `cloudwatch` to publish alarms to an encrypted SNS topic). `logs` is expanded to
   * the regional principal `logs.<region>.amazonaws.com`.
   * @default - none: only IAM principals of the account
   */
  readonly servicePrincipals?: readonly ('logs' | 'cloudwatch' | 'events' | 'sns' | 'sqs')[];
  /** @default 30 */
  readonly deletionWindowDays?: number;
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
    const principals = (props.servicePrincipals ?? []).map((name) =>
      name === 'logs' ? `logs.${props.region}.amazonaws.com` : `${name}.amazonaws.com`,
    );

    const statements: PolicyStatement[] = [
      {
        Sid: 'AccountAdministersKey',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ];
    if (principals.length > 0) {
      statements.push({
        Sid: 'ServicesUseKey',
        Effect: 'Allow',
        Principal: { Service: principals },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
      });
    }

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
