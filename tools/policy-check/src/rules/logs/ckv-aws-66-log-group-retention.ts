import { finding, type Rule } from '../../rule';

export const logGroupRetention: Rule = {
  id: 'CKV_AWS_66',
  title: 'CloudWatch log group has a retention period',
  severity: 'medium',
  category: 'logging',
  references: { checkov: ['CKV_AWS_66'] },
  remediation: 'Set retention_in_days on the log group (from the environment config).',
  check: (stack) =>
    stack
      .ofType('aws_cloudwatch_log_group')
      .filter((group) => group.config['retention_in_days'] === undefined || group.config['retention_in_days'] === null)
      .map((group) => finding(group, 'retention_in_days is not set, so logs are kept (and billed) forever')),
};
