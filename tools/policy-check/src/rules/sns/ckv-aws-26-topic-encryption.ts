import { finding, type Rule } from '../../rule';
import { isSet } from '../../terraform/values';

export const topicEncryption: Rule = {
  id: 'CKV_AWS_26',
  title: 'SNS topic is encrypted with KMS',
  severity: 'medium',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_26'], trivy: ['AVD-AWS-0095'] },
  remediation:
    'Set kms_master_key_id on the topic (a customer-managed key whose policy lets cloudwatch.amazonaws.com use it, so alarms can publish).',
  check: (stack) =>
    stack
      .ofType('aws_sns_topic')
      .filter((topic) => !isSet(topic.config['kms_master_key_id']))
      .map((topic) => finding(topic, 'topic has no kms_master_key_id')),
};
