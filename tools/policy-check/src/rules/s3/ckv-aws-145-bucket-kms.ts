import { finding, type Rule } from '../../rule';
import { buckets, isAccessLogTargetBucket, isLoadBalancerLogBucket } from './bucket-companions';
import { sseAlgorithms } from './sse-algorithms';

/**
 * KMS for every bucket except access-log buckets: ELB access logs and S3 server access logs can
 * only be delivered to buckets encrypted with SSE-S3, so AES256 is the right answer there.
 */
export const bucketKmsEncryption: Rule = {
  id: 'CKV_AWS_145',
  title: 'S3 bucket default encryption uses KMS (except access log buckets)',
  severity: 'medium',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_145'], trivy: ['AVD-AWS-0132'] },
  remediation: 'Set sse_algorithm = "aws:kms" and kms_master_key_id to a customer-managed key in the encryption configuration.',
  check: (stack) =>
    buckets(stack).flatMap((bucket) => {
      const algorithms = sseAlgorithms(stack, bucket);
      if (algorithms.length === 0 || isLoadBalancerLogBucket(stack, bucket) || isAccessLogTargetBucket(stack, bucket)) return [];
      if (algorithms.some((algorithm) => algorithm.startsWith('aws:kms') || algorithm.includes('${'))) return [];
      return [finding(bucket, `bucket is encrypted with ${algorithms.join(', ')}, not KMS`)];
    }),
};
