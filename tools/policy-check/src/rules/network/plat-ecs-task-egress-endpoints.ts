import { finding, type Rule } from '../../rule';
import { pointsAt } from '../../terraform/references';
import { resolveAcrossStacks } from '../../terraform/remote-state';
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { block, blocks, lower, stringList } from '../../terraform/values';

const WORLD = ['0.0.0.0/0', '::/0'];

/** Security groups of the stack's ECS services (network_configuration.security_groups). */
function taskSecurityGroups(stack: Stack): TerraformBlock[] {
  const ids = stack.ofType('aws_ecs_service').flatMap((service) => stringList(block(service.config['network_configuration'])['security_groups']));
  return stack.ofType('aws_security_group').filter((group) => ids.some((id) => pointsAt(id, group, ['id'])));
}

/** Egress rules of `group` (inline, aws_security_group_rule, aws_vpc_security_group_egress_rule) open to the world. */
function worldEgress(stack: Stack, group: TerraformBlock): { declaredBy: TerraformBlock; cidr: string }[] {
  const inline = blocks(group.config['egress']).flatMap((rule) =>
    [...stringList(rule['cidr_blocks']), ...stringList(rule['ipv6_cidr_blocks'])].map((cidr) => ({ declaredBy: group, cidr })),
  );
  const legacy = stack
    .ofType('aws_security_group_rule')
    .filter((rule) => rule.config['type'] === 'egress' && pointsAt(rule.config['security_group_id'], group, ['id']))
    .flatMap((rule) => [...stringList(rule.config['cidr_blocks']), ...stringList(rule.config['ipv6_cidr_blocks'])].map((cidr) => ({ declaredBy: rule, cidr })));
  const vpcRules = stack
    .ofType('aws_vpc_security_group_egress_rule')
    .filter((rule) => pointsAt(rule.config['security_group_id'], group, ['id']))
    .flatMap((rule) => [...stringList(rule.config['cidr_ipv4']), ...stringList(rule.config['cidr_ipv6'])].map((cidr) => ({ declaredBy: rule, cidr })));
  return [...inline, ...legacy, ...vpcRules].filter((rule) => WORLD.includes(rule.cidr));
}

/** Interface endpoints of the VPC `vpcId` names, in whichever stack creates that VPC. */
function interfaceEndpointsOf(stack: Stack, vpcId: unknown, stacks: readonly Stack[]): TerraformBlock[] {
  const origin = resolveAcrossStacks(stack, vpcId, stacks);
  const vpc = origin.stack.referenced(origin.value, 'aws_vpc', ['id']);
  return origin.stack
    .ofType('aws_vpc_endpoint')
    .filter((endpoint) => lower(endpoint.config['vpc_endpoint_type']) === 'interface')
    .filter((endpoint) => (vpc ? pointsAt(endpoint.config['vpc_id'], vpc, ['id']) : endpoint.config['vpc_id'] === origin.value));
}

/**
 * Where the VPC has interface endpoints, a task's AWS API traffic goes to them (and S3/DynamoDB to
 * the gateway prefix lists), so its security group has no reason to reach the whole internet:
 * egress to 0.0.0.0/0 would let a compromised task send data anywhere through NAT.
 */
export const taskEgressToEndpoints: Rule = {
  id: 'PLAT_ECS_TASK_EGRESS_ENDPOINTS',
  title: 'ECS task egress goes to the VPC endpoints, not 0.0.0.0/0, where the VPC has interface endpoints',
  severity: 'medium',
  category: 'public-exposure',
  references: { checkov: ['CKV_AWS_382'], trivy: ['AVD-AWS-0104'] },
  remediation:
    'Replace the 0.0.0.0/0 egress with restrictTaskEgress(scope, securityGroupId, network): 443 to the endpoints\' security group and to the S3 and DynamoDB prefix lists.',
  check: (stack, stacks = [stack]) =>
    taskSecurityGroups(stack).flatMap((group) => {
      const world = worldEgress(stack, group);
      if (world.length === 0) return [];
      const endpoints = interfaceEndpointsOf(stack, group.config['vpc_id'], stacks);
      if (endpoints.length === 0) return [];
      return world.map((rule) =>
        finding(rule.declaredBy, `task security group ${group.address} allows egress to ${rule.cidr} although its VPC has ${endpoints.length} interface endpoints`),
      );
    }),
};
