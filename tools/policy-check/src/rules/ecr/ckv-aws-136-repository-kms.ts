import { finding, type Rule } from '../../rule';
import { blocks } from '../../terraform/values';

export const repositoryKmsEncryption: Rule = {
  id: 'CKV_AWS_136',
  title: 'ECR repository is encrypted with KMS',
  severity: 'medium',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_136'], trivy: ['AVD-AWS-0033'] },
  remediation: 'Set encryption_configuration { encryption_type = "KMS", kms_key = <aws_kms_key arn> } on the repository.',
  check: (stack) =>
    stack
      .ofType('aws_ecr_repository')
      .filter((repository) => !blocks(repository.config['encryption_configuration']).some((c) => c['encryption_type'] === 'KMS'))
      .map((repository) => finding(repository, 'encryption_configuration.encryption_type is not KMS (AES256 default)')),
};
