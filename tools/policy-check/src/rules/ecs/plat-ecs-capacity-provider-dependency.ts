import { finding, type Rule } from '../../rule';
import { pointsAt } from '../../terraform/references';
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { blocks, stringList } from '../../terraform/values';

/** What the service must wait for: its cluster's capacity providers (same stack) and its execution role's policies. */
function requiredDependencies(stack: Stack, service: TerraformBlock): TerraformBlock[] {
  const cluster = stack.referenced(service.config['cluster'], 'aws_ecs_cluster', ['arn', 'id', 'name']);
  const providers = cluster
    ? stack
        .ofType('aws_ecs_cluster_capacity_providers')
        .filter((association) => pointsAt(association.config['cluster_name'], cluster, ['name', 'id', 'arn'], 'name'))
    : [];
  const task = stack.referenced(service.config['task_definition'], 'aws_ecs_task_definition', ['arn', 'arn_without_revision', 'family', 'id']);
  const role = task ? stack.referenced(task.config['execution_role_arn'], 'aws_iam_role', ['arn']) : undefined;
  const policies = role
    ? stack
        .ofType('aws_iam_role_policy', 'aws_iam_role_policy_attachment')
        .filter((policy) => pointsAt(policy.config['role'], role, ['id', 'name'], 'name'))
    : [];
  return [...providers, ...policies];
}

/**
 * A service with a capacity_provider_strategy must be created after its cluster's
 * aws_ecs_cluster_capacity_providers (else "capacity provider is not associated with the
 * cluster") and destroyed before it (else the association cannot be removed while the service
 * uses it); and after its execution role's policies, so the first tasks can pull and log. Terraform
 * only sees those orderings through depends_on. A cluster from another stack is ordered by the
 * stack dependency instead.
 */
export const serviceCapacityProviderDependency: Rule = {
  id: 'PLAT_ECS_CAPACITY_PROVIDER_DEPENDENCY',
  title: 'ECS service with a capacity provider strategy depends on the cluster capacity providers and its execution role policies',
  severity: 'medium',
  category: 'resilience',
  references: {},
  remediation: 'Add the aws_ecs_cluster_capacity_providers and the execution role\'s aws_iam_role_policy / _attachment resources to the service\'s depends_on.',
  check: (stack) =>
    stack
      .ofType('aws_ecs_service')
      .filter((service) => blocks(service.config['capacity_provider_strategy']).length > 0)
      .flatMap((service) => {
        const dependsOn = stringList(service.config['depends_on']);
        const missing = requiredDependencies(stack, service).filter((dependency) => !dependsOn.includes(dependency.address));
        return missing.length === 0 ? [] : [finding(service, `depends_on lacks ${missing.map((m) => m.address).join(', ')}`)];
      }),
};
