/**
 * Every ingress permission in a stack, whichever of the three Terraform shapes declares it:
 * inline `ingress` blocks, `aws_security_group_rule` (type = ingress) and
 * `aws_vpc_security_group_ingress_rule`.
 */
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { blocks, stringList } from '../../terraform/values';

export interface IngressPermission {
  /** The block to report (the rule resource, or the group for inline rules). */
  readonly declaredBy: TerraformBlock;
  /** The group the permission opens, when it is a group of this stack. */
  readonly securityGroup?: TerraformBlock;
  readonly fromPort: unknown;
  readonly toPort: unknown;
  readonly protocol: unknown;
  readonly cidrs: readonly string[];
}

export function ingressPermissions(stack: Stack): IngressPermission[] {
  const inline = stack.ofType('aws_security_group').flatMap((group) =>
    blocks(group.config['ingress']).map((rule) => ({
      declaredBy: group,
      securityGroup: group,
      fromPort: rule['from_port'],
      toPort: rule['to_port'],
      protocol: rule['protocol'],
      cidrs: [...stringList(rule['cidr_blocks']), ...stringList(rule['ipv6_cidr_blocks'])],
    })),
  );
  const legacyRules = stack
    .ofType('aws_security_group_rule')
    .filter((rule) => rule.config['type'] === 'ingress')
    .map((rule) => ({
      declaredBy: rule,
      securityGroup: stack.referenced(rule.config['security_group_id'], 'aws_security_group', ['id']),
      fromPort: rule.config['from_port'],
      toPort: rule.config['to_port'],
      protocol: rule.config['protocol'],
      cidrs: [...stringList(rule.config['cidr_blocks']), ...stringList(rule.config['ipv6_cidr_blocks'])],
    }));
  const vpcRules = stack.ofType('aws_vpc_security_group_ingress_rule').map((rule) => ({
    declaredBy: rule,
    securityGroup: stack.referenced(rule.config['security_group_id'], 'aws_security_group', ['id']),
    fromPort: rule.config['from_port'],
    toPort: rule.config['to_port'],
    protocol: rule.config['ip_protocol'],
    cidrs: [...stringList(rule.config['cidr_ipv4']), ...stringList(rule.config['cidr_ipv6'])],
  }));
  return [...inline, ...legacyRules, ...vpcRules];
}
