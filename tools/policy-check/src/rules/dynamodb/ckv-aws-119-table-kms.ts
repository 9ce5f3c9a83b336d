import { finding, type Rule } from '../../rule';
import { block, isSet, isTrue } from '../../terraform/values';

export const tableKmsEncryption: Rule = {
  id: 'CKV_AWS_119',
  title: 'DynamoDB table is encrypted with a customer-managed KMS key',
  severity: 'high',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_119'], trivy: ['AVD-AWS-0025'] },
  remediation: 'Set server_side_encryption { enabled = true, kms_key_arn = <aws_kms_key arn> } on the table.',
  check: (stack) =>
    stack.ofType('aws_dynamodb_table').flatMap((table) => {
      const sse = block(table.config['server_side_encryption']);
      if (!isTrue(sse['enabled'])) return [finding(table, 'server_side_encryption is not enabled (AWS-owned key only)')];
      if (!isSet(sse['kms_key_arn'])) return [finding(table, 'server_side_encryption has no kms_key_arn (AWS-managed key, not a CMK)')];
      return [];
    }),
};
