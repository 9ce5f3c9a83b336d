/**
 * Since AWS provider v4 most bucket settings live in companion resources (`aws_s3_bucket_versioning`,
 * `..._public_access_block`...) that name their bucket by `${aws_s3_bucket.NAME.id}` / `.bucket`
 * or by the literal bucket name.
 */
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { pointsAt } from '../../terraform/references';
import { blocks } from '../../terraform/values';

export function buckets(stack: Stack): TerraformBlock[] {
  return stack.ofType('aws_s3_bucket');
}

export function companionsOf(stack: Stack, bucket: TerraformBlock, type: string): TerraformBlock[] {
  return stack.ofType(type).filter((companion) => pointsAt(companion.config['bucket'], bucket, ['id', 'bucket'], 'bucket'));
}

/** Buckets an aws_lb writes access logs to; AWS only supports SSE-S3 (AES256) on those. */
export function isLoadBalancerLogBucket(stack: Stack, bucket: TerraformBlock): boolean {
  return stack
    .ofType('aws_lb', 'aws_alb')
    .some((lb) => blocks(lb.config['access_logs']).some((logs) => pointsAt(logs['bucket'], bucket, ['id', 'bucket'], 'bucket')));
}

/** Buckets that receive S3 server access logs (the target_bucket of an aws_s3_bucket_logging or a bucket's inline logging). */
export function isAccessLogTargetBucket(stack: Stack, bucket: TerraformBlock): boolean {
  const viaResource = stack
    .ofType('aws_s3_bucket_logging')
    .some((logging) => pointsAt(logging.config['target_bucket'], bucket, ['id', 'bucket'], 'bucket'));
  const inline = buckets(stack).some((other) =>
    blocks(other.config['logging']).some((logging) => pointsAt(logging['target_bucket'], bucket, ['id', 'bucket'], 'bucket')),
  );
  return viaResource || inline;
}
