/** CKV_AWS_53..56: each of the four public access block flags must be true. */
import { finding, type Rule } from '../../rule';
import { isTrue } from '../../terraform/values';

function flagRule(id: string, trivy: string, flag: string, effect: string): Rule {
  return {
    id,
    title: `S3 public access block sets ${flag} = true`,
    severity: 'high',
    category: 'public-exposure',
    references: { checkov: [id], trivy: [trivy] },
    remediation: `Set ${flag} = true on the aws_s3_bucket_public_access_block (${effect}).`,
    check: (stack) =>
      stack
        .ofType('aws_s3_bucket_public_access_block', 'aws_s3_account_public_access_block')
        .filter((accessBlock) => !isTrue(accessBlock.config[flag]))
        .map((accessBlock) => finding(accessBlock, `${flag} is not true`)),
  };
}

export const blockPublicAcls = flagRule('CKV_AWS_53', 'AVD-AWS-0086', 'block_public_acls', 'rejects new public ACLs');
export const blockPublicPolicy = flagRule('CKV_AWS_54', 'AVD-AWS-0087', 'block_public_policy', 'rejects public bucket policies');
export const ignorePublicAcls = flagRule('CKV_AWS_55', 'AVD-AWS-0091', 'ignore_public_acls', 'ignores existing public ACLs');
export const restrictPublicBuckets = flagRule(
  'CKV_AWS_56',
  'AVD-AWS-0093',
  'restrict_public_buckets',
  'limits a public policy to AWS principals',
);
