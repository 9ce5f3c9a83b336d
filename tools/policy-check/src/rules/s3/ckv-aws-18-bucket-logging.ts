import { finding, type Rule } from '../../rule';
import { blocks } from '../../terraform/values';
import { buckets, companionsOf, isAccessLogTargetBucket, isLoadBalancerLogBucket } from './bucket-companions';

/**
 * Every bucket has server access logging (an aws_s3_bucket_logging, or the older inline `logging`
 * block) into another bucket. A bucket that is itself an access-log target (of S3 or of a load
 * balancer) does not log: logging into itself would loop, and a log bucket per log bucket never ends.
 */
export const bucketAccessLogging: Rule = {
  id: 'CKV_AWS_18',
  title: 'S3 bucket has server access logging (except access log buckets)',
  severity: 'medium',
  category: 'logging',
  references: { checkov: ['CKV_AWS_18'], trivy: ['AVD-AWS-0089'] },
  remediation:
    'Add an aws_s3_bucket_logging with target_bucket = a separate SSE-S3 log bucket whose policy lets logging.s3.amazonaws.com s3:PutObject (SecureBucket accessLogs).',
  check: (stack) =>
    buckets(stack)
      .filter((bucket) => !isAccessLogTargetBucket(stack, bucket) && !isLoadBalancerLogBucket(stack, bucket))
      .flatMap((bucket) => {
        const logging = [...companionsOf(stack, bucket, 'aws_s3_bucket_logging'), ...blocks(bucket.config['logging'])];
        return logging.length > 0 ? [] : [finding(bucket, 'bucket has no server access logging')];
      }),
};
