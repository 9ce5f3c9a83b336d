import { Construct } from 'constructs';
import { Lazy } from 'cdktf';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
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
  }

  /** Adds statements to the bucket policy (next to the TLS-only deny). */
  addPolicyStatements(statements: readonly PolicyStatement[]): void {
    this.policyStatements.push(...statements);
  }
}
