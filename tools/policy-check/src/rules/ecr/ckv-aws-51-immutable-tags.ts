import { finding, type Rule } from '../../rule';

export const repositoryImmutableTags: Rule = {
  id: 'CKV_AWS_51',
  title: 'ECR repository has immutable image tags',
  severity: 'high',
  category: 'registry',
  references: { checkov: ['CKV_AWS_51'], trivy: ['AVD-AWS-0031'] },
  remediation: 'Set image_tag_mutability = "IMMUTABLE" on the repository (tags are content hashes, never reused).',
  check: (stack) =>
    stack
      .ofType('aws_ecr_repository')
      .filter((repository) => repository.config['image_tag_mutability'] !== 'IMMUTABLE')
      .map((repository) =>
        finding(repository, `image_tag_mutability is ${String(repository.config['image_tag_mutability'] ?? 'MUTABLE (default)')}`),
      ),
};
