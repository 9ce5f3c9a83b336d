import { finding, type Rule } from '../../rule';
import { isSet, isTrue } from '../../terraform/values';

export const queueEncryption: Rule = {
  id: 'CKV_AWS_27',
  title: 'SQS queue is encrypted at rest',
  severity: 'high',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_27'], trivy: ['AVD-AWS-0096'] },
  remediation: 'Set kms_master_key_id (a customer-managed key) or sqs_managed_sse_enabled = true on the queue.',
  check: (stack) =>
    stack
      .ofType('aws_sqs_queue')
      .filter((queue) => !isSet(queue.config['kms_master_key_id']) && !isTrue(queue.config['sqs_managed_sse_enabled']))
      .map((queue) => finding(queue, 'queue has neither kms_master_key_id nor sqs_managed_sse_enabled')),
};
