import { finding, type Rule } from '../../rule';
import { buckets } from './bucket-companions';
import { sseAlgorithms } from './sse-algorithms';

export const bucketEncryption: Rule = {
  id: 'CKV_AWS_19',
  title: 'S3 bucket has default encryption at rest',
  severity: 'high',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_19'] },
  remediation:
    'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket (sse_algorithm "aws:kms" with a KMS key).',
  check: (stack) =>
    buckets(stack)
      .filter((bucket) => sseAlgorithms(stack, bucket).length === 0)
      .map((bucket) => finding(bucket, 'bucket has no server-side encryption configuration')),
};
