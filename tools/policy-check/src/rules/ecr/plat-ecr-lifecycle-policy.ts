import { finding, type Rule } from '../../rule';
import { pointsAt } from '../../terraform/references';

export const repositoryLifecyclePolicy: Rule = {
  id: 'PLAT_ECR_LIFECYCLE_POLICY',
  title: 'ECR repository has a lifecycle policy',
  severity: 'low',
  category: 'registry',
  references: {},
  remediation:
    'Add an aws_ecr_lifecycle_policy for the repository (expire untagged images; keep enough tagged images for rollback).',
  check: (stack) =>
    stack
      .ofType('aws_ecr_repository')
      .filter(
        (repository) =>
          !stack
            .ofType('aws_ecr_lifecycle_policy')
            .some((policy) => pointsAt(policy.config['repository'], repository, ['name', 'id'], 'name')),
      )
      .map((repository) => finding(repository, 'repository has no aws_ecr_lifecycle_policy, so images pile up forever')),
};
