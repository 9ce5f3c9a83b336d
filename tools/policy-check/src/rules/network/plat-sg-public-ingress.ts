import { finding, type Rule } from '../../rule';
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { pointsAt } from '../../terraform/references';
import { ingressPermissions, type IngressPermission } from './ingress-rules';

const WORLD = new Set(['0.0.0.0/0', '::/0']);
const WEB_PORTS = new Set([80, 443]);

/** A group is the load balancer's when an aws_lb / aws_alb of this stack lists it in security_groups. */
function isLoadBalancerGroup(stack: Stack, group: TerraformBlock | undefined): boolean {
  if (!group) return false;
  return stack
    .ofType('aws_lb', 'aws_alb')
    .some((lb) => pointsAt(lb.config['security_groups'], group, ['id']));
}

function isSingleWebPort(permission: IngressPermission): boolean {
  const protocol = String(permission.protocol).toLowerCase();
  const from = Number(permission.fromPort);
  return (protocol === 'tcp' || protocol === '6') && from === Number(permission.toPort) && WEB_PORTS.has(from);
}

function describePorts(permission: IngressPermission): string {
  const protocol = String(permission.protocol);
  if (protocol === '-1' || protocol.toLowerCase() === 'all') return 'all ports';
  return permission.fromPort === permission.toPort
    ? `${protocol} port ${String(permission.fromPort)}`
    : `${protocol} ports ${String(permission.fromPort)}-${String(permission.toPort)}`;
}

export const securityGroupPublicIngress: Rule = {
  id: 'PLAT_SG_PUBLIC_INGRESS',
  title: 'Ingress from 0.0.0.0/0 or ::/0 only to the load balancer security group on TCP 80/443',
  severity: 'critical',
  category: 'public-exposure',
  references: { checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277'], trivy: ['AVD-AWS-0107'] },
  remediation:
    'Open the world only on the ALB\'s security group, TCP 80/443; let services accept traffic from that group (source_security_group_id / referenced_security_group_id), not from a CIDR.',
  check: (stack) =>
    ingressPermissions(stack)
      .filter((permission) => permission.cidrs.some((cidr) => WORLD.has(cidr)))
      .flatMap((permission) => {
        const world = permission.cidrs.filter((cidr) => WORLD.has(cidr)).join(', ');
        if (!isLoadBalancerGroup(stack, permission.securityGroup)) {
          return [finding(permission.declaredBy, `${world} may reach ${describePorts(permission)} of a group no load balancer uses`)];
        }
        if (!isSingleWebPort(permission)) {
          return [finding(permission.declaredBy, `${world} may reach ${describePorts(permission)} of the load balancer group (only TCP 80/443 allowed)`)];
        }
        return [];
      }),
};
