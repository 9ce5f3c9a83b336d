import { finding, type Rule } from '../../rule';
import { block, isTrue } from '../../terraform/values';

export const tablePointInTimeRecovery: Rule = {
  id: 'CKV_AWS_28',
  title: 'DynamoDB table has point-in-time recovery',
  severity: 'high',
  category: 'resilience',
  references: { checkov: ['CKV_AWS_28'], trivy: ['AVD-AWS-0024'] },
  remediation: 'Set point_in_time_recovery { enabled = true } on the table.',
  check: (stack) =>
    stack
      .ofType('aws_dynamodb_table')
      .filter((table) => !isTrue(block(table.config['point_in_time_recovery'])['enabled']))
      .map((table) => finding(table, 'point-in-time recovery is not enabled')),
};
