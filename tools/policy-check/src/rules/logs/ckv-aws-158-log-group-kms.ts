import { finding, type Rule } from '../../rule';
import { isSet } from '../../terraform/values';

export const logGroupKms: Rule = {
  id: 'CKV_AWS_158',
  title: 'CloudWatch log group is encrypted with KMS',
  severity: 'low',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_158'], trivy: ['AVD-AWS-0017'] },
  remediation:
    'Set kms_key_id on the log group to a KMS key whose policy allows logs.<region>.amazonaws.com to use it.',
  check: (stack) =>
    stack
      .ofType('aws_cloudwatch_log_group')
      .filter((group) => !isSet(group.config['kms_key_id']))
      .map((group) => finding(group, 'log group has no kms_key_id')),
};
