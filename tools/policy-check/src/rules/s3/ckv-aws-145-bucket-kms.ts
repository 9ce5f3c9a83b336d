import { finding, type Rule } from '../../rule';
import { buckets, isLoadBalancerLogBucket } from './bucket-companions';
import { sseAlgorithms } from './sse-algorithms';

/**
 * KMS for every bucket except load balancer access-log buckets: ELB can only write to buckets
 * encrypted with SSE-S3, so AES256 is the right answer there.
 */
export const bucketKmsEncryption: Rule = {
  id: 'CKV_AWS_145',
  title: 'S3 bucket default encryption uses KMS (except load balancer log buckets)',
  severity: 'medium',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_145'], trivy: ['AVD-AWS-0132'] },
  remediation: 'Set sse_algorithm = "aws:kms" and kms_master_key_id to a customer-managed key in the encryption configuration.',
  check: (stack) =>
    buckets(stack).flatMap((bucket) => {
      const algorithms = sseAlgorithms(stack, bucket);
      if (algorithms.length === 0 || isLoadBalancerLogBucket(stack, bucket)) return [];
      if (algorithms.some((algorithm) => algorithm.startsWith('aws:kms') || algorithm.includes('${'))) return [];
      return [finding(bucket, `bucket is encrypted with ${algorithms.join(', ')}, not KMS`)];
    }),
};
