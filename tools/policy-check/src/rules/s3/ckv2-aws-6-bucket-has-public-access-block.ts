import { finding, type Rule } from '../../rule';
import { buckets, companionsOf } from './bucket-companions';

export const bucketHasPublicAccessBlock: Rule = {
  id: 'CKV2_AWS_6',
  title: 'S3 bucket has a public access block',
  severity: 'high',
  category: 'public-exposure',
  references: { checkov: ['CKV2_AWS_6'], trivy: ['AVD-AWS-0094'] },
  remediation: 'Add an aws_s3_bucket_public_access_block for the bucket with all four flags true.',
  check: (stack) => {
    // An account-wide block in the same stack covers every bucket.
    if (stack.ofType('aws_s3_account_public_access_block').length > 0) return [];
    return buckets(stack)
      .filter((bucket) => companionsOf(stack, bucket, 'aws_s3_bucket_public_access_block').length === 0)
      .map((bucket) => finding(bucket, 'bucket has no aws_s3_bucket_public_access_block'));
  },
};
