import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { EncryptionKey } from './encryption-key';
import { denyInsecureTransport, policyDocument, PolicyStatement } from './iam-policy';
import { InvalidPropsError, requireIntegerInRange, requireMatch } from './validation';

export interface SecureBucketProps {
  /** Globally unique bucket name (3-63 lowercase letters, digits, dots, hyphens). */
  readonly bucketName: string;
  /**
   * KMS key for default encryption. Leave it out only where the writing service cannot use
   * SSE-KMS (ALB access logs accept SSE-S3 only).
   * @default - SSE-S3 (AES256)
   */
  readonly encryptionKey?: EncryptionKey;
  /** @default true */
  readonly versioned?: boolean;
  /**
   * Days after which current objects expire.
   * @default - never
   */
  readonly expireObjectsAfterDays?: number;
  /**
   * Days after which noncurrent versions expire (versioned buckets only).
   * @default 90
   */
  readonly noncurrentVersionExpiryDays?: number;
  /** Extra statements next to the TLS-only deny. @default - none */
  readonly policyStatements?: readonly PolicyStatement[];
  /** Let `terraform destroy` delete a non-empty bucket. @default false */
  readonly forceDestroy?: boolean;
  /**
   * Server access logging (CKV_AWS_18) into another bucket, under `prefix`. Call
   * `allowAccessLogsFrom` on the target so the S3 logging service may write there.
   * @default - no access logging (only for buckets that are themselves log targets)
   */
  readonly accessLogs?: SecureBucketAccessLogs;
}

export interface SecureBucketAccessLogs {
  /** The bucket that receives the logs: SSE-S3, since S3 server access logging cannot write to SSE-KMS buckets. */
  readonly bucket: SecureBucket;
  /** Key prefix of this bucket's logs in the target, ending in `/`. @default '<bucket name>/' */
  readonly prefix?: string;
  /** Account that owns this bucket (the `aws:SourceAccount` the log bucket's policy requires). */
  readonly accountId: string;
}

/**
 * An S3 bucket with every guard on: public access blocked, bucket-owner-enforced ownership
 * (no ACLs), default encryption, TLS-only policy, versioning and lifecycle.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly policy: S3BucketPolicy;
  /** The access logging configuration, when `accessLogs` is set. */
  readonly logging?: S3BucketLoggingA;
  private readonly policyStatements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    requireMatch(
      'SecureBucket',
      'bucketName',
      props.bucketName,
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      '3-63 lowercase letters, digits, dots or hyphens',
    );
    const versioned = props.versioned ?? true;
    if (!versioned && props.noncurrentVersionExpiryDays !== undefined) {
      throw new InvalidPropsError(
        'SecureBucket',
        'noncurrentVersionExpiryDays needs versioned: true (an unversioned bucket has no noncurrent versions)',
      );
    }
    const noncurrentDays = requireIntegerInRange(
      'SecureBucket',
      'noncurrentVersionExpiryDays',
      props.noncurrentVersionExpiryDays ?? 90,
      1,
      3650,
    );
    if (props.expireObjectsAfterDays !== undefined) {
      requireIntegerInRange('SecureBucket', 'expireObjectsAfterDays', props.expireObjectsAfterDays, 1, 3650);
    }

    this.bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: props.forceDestroy ?? false });
    this.bucketName = this.bucket.bucket;
    this.bucketArn = this.bucket.arn;

    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [
        props.encryptionKey
          ? {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: 'aws:kms',
                kmsMasterKeyId: props.encryptionKey.keyArn,
              },
              bucketKeyEnabled: true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
      ],
    });
    new S3BucketVersioningA(this, 'versioning', {
      bucket: this.bucket.id,
      versioningConfiguration: { status: versioned ? 'Enabled' : 'Suspended' },
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-old-data',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          ...(props.expireObjectsAfterDays !== undefined ? { expiration: [{ days: props.expireObjectsAfterDays }] } : {}),
          ...(versioned ? { noncurrentVersionExpiration: [{ noncurrentDays }] } : {}),
        },
      ],
    });
    this.policyStatements.push(
      denyInsecureTransport('DenyInsecureTransport', [this.bucketArn, `${this.bucketArn}/*`], 's3:*'),
      ...(props.policyStatements ?? []),
    );
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: this.bucket.id,
      // Lazy: statements that need the bucket's own ARN are added after construction.
      policy: Lazy.stringValue({ produce: () => policyDocument(this.policyStatements) }),
      // A policy put before the public access block exists can be rejected as "public".
      dependsOn: [publicAccessBlock],
    });
    if (props.accessLogs) {
      if (props.accessLogs.bucket === this) throw new InvalidPropsError('SecureBucket', 'accessLogs.bucket must be another bucket, not this one');
      const prefix = props.accessLogs.prefix ?? `${props.bucketName}/`;
      requireMatch('SecureBucket', 'accessLogs.prefix', prefix, /^[A-Za-z0-9!_.*'()/-]*\/$/, 'a key prefix ending in "/"');
      requireMatch('SecureBucket', 'accessLogs.accountId', props.accessLogs.accountId, /^\d{12}$/, 'a 12-digit AWS account id');
      props.accessLogs.bucket.allowAccessLogsFrom(this, prefix, props.accessLogs.accountId);
      this.logging = new S3BucketLoggingA(this, 'access-logging', {
        bucket: this.bucket.id,
        targetBucket: props.accessLogs.bucket.bucket.id,
        targetPrefix: prefix,
      });
    }
  }

  /**
   * Lets the S3 logging service write `source`'s server access logs under `prefix` (Amazon S3 user
   * guide, "Enabling Amazon S3 server access logging": a bucket policy for logging.s3.amazonaws.com,
   * limited by aws:SourceArn and aws:SourceAccount; ACLs are off with BucketOwnerEnforced).
   */
  allowAccessLogsFrom(source: SecureBucket, prefix: string, accountId: string): void {
    this.policyStatements.push({
      Sid: `S3ServerAccessLogs${this.policyStatements.length}`,
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${this.bucketArn}/${prefix}*`,
      Condition: { ArnLike: { 'aws:SourceArn': source.bucketArn }, StringEquals: { 'aws:SourceAccount': accountId } },
    });
  }

  /** Adds statements to the bucket policy (next to the TLS-only deny). */
  addPolicyStatements(statements: readonly PolicyStatement[]): void {
    this.policyStatements.push(...statements);
  }
}
