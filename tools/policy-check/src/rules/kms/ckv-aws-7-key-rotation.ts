import { finding, type Rule } from '../../rule';
import { isTrue, lower } from '../../terraform/values';

export const keyRotation: Rule = {
  id: 'CKV_AWS_7',
  title: 'KMS key has automatic rotation',
  severity: 'medium',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_7'], trivy: ['AVD-AWS-0065'] },
  remediation: 'Set enable_key_rotation = true on the aws_kms_key.',
  check: (stack) =>
    stack
      .ofType('aws_kms_key')
      // Rotation only exists for symmetric encryption keys.
      .filter((key) => (lower(key.config['customer_master_key_spec']) ?? 'symmetric_default') === 'symmetric_default')
      .filter((key) => !isTrue(key.config['enable_key_rotation']))
      .map((key) => finding(key, 'enable_key_rotation is not true')),
};
