import { finding, type Rule } from '../../rule';
import { block, isTrue } from '../../terraform/values';
import { buckets, companionsOf } from './bucket-companions';

export const bucketVersioning: Rule = {
  id: 'CKV_AWS_21',
  title: 'S3 bucket has versioning enabled',
  severity: 'medium',
  category: 'resilience',
  references: { checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'] },
  remediation: 'Add an aws_s3_bucket_versioning for the bucket with versioning_configuration.status = "Enabled".',
  check: (stack) =>
    buckets(stack).flatMap((bucket) => {
      if (isTrue(block(bucket.config['versioning'])['enabled'])) return [];
      const statuses = companionsOf(stack, bucket, 'aws_s3_bucket_versioning').map((versioning) =>
        String(block(versioning.config['versioning_configuration'])['status']),
      );
      if (statuses.some((status) => status.toLowerCase() === 'enabled')) return [];
      const why = statuses.length === 0 ? 'bucket has no versioning configuration' : `bucket versioning status is ${statuses.join(', ')}`;
      return [finding(bucket, why)];
    }),
};
