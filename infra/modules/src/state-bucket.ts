import { Construct } from 'constructs';
import { EncryptionKey } from './encryption-key';
import { SecureBucket } from './secure-bucket';

export interface StateBucketProps {
  /** Globally unique bucket name for Terraform state. */
  readonly bucketName: string;
  readonly accountId: string;
  readonly region: string;
  /**
   * Days a superseded state version is kept: the window in which an old state can be restored.
   * @default 90
   */
  readonly noncurrentVersionExpiryDays?: number;
  /**
   * Bucket that receives the state bucket's server access logs (who read or wrote which state).
   * @default '<bucketName>-access-logs'
   */
  readonly accessLogsBucketName?: string;
  /** Days access log objects are kept. @default 365 */
  readonly accessLogRetentionDays?: number;
}

/**
 * The Terraform state bucket: versioned (every state write can be rolled back), encrypted with
 * its own KMS key, public access blocked, TLS only. Locking uses S3 lock files
 * (`use_lockfile`), so there is no DynamoDB lock table. Server access logs go to a separate
 * bucket (SSE-S3: S3 log delivery cannot use SSE-KMS), which expires them and logs nothing itself.
 */
export class StateBucket extends Construct {
  readonly encryptionKey: EncryptionKey;
  readonly bucket: SecureBucket;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly keyArn: string;
  /** Receives the state bucket's server access logs. */
  readonly accessLogsBucket: SecureBucket;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    super(scope, id);
    this.encryptionKey = new EncryptionKey(this, 'key', {
      description: `Terraform state in ${props.bucketName}`,
      aliasName: `${props.bucketName}-state`,
      accountId: props.accountId,
      region: props.region,
    });
    this.accessLogsBucket = new SecureBucket(this, 'access-logs', {
      bucketName: props.accessLogsBucketName ?? `${props.bucketName}-access-logs`,
      versioned: true,
      expireObjectsAfterDays: props.accessLogRetentionDays ?? 365,
      noncurrentVersionExpiryDays: 7,
    });
    this.bucket = new SecureBucket(this, 'bucket', {
      bucketName: props.bucketName,
      encryptionKey: this.encryptionKey,
      versioned: true,
      noncurrentVersionExpiryDays: props.noncurrentVersionExpiryDays ?? 90,
      accessLogs: { bucket: this.accessLogsBucket, prefix: 'state/', accountId: props.accountId },
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.keyArn = this.encryptionKey.keyArn;
  }
}
