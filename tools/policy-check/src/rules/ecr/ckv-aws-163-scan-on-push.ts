import { finding, type Rule } from '../../rule';
import { block, isTrue } from '../../terraform/values';

export const repositoryScanOnPush: Rule = {
  id: 'CKV_AWS_163',
  title: 'ECR repository scans images on push',
  severity: 'medium',
  category: 'registry',
  references: { checkov: ['CKV_AWS_163'], trivy: ['AVD-AWS-0030'] },
  remediation: 'Set image_scanning_configuration { scan_on_push = true } on the repository.',
  check: (stack) =>
    stack
      .ofType('aws_ecr_repository')
      .filter((repository) => !isTrue(block(repository.config['image_scanning_configuration'])['scan_on_push']))
      .map((repository) => finding(repository, 'image_scanning_configuration.scan_on_push is not true')),
};
