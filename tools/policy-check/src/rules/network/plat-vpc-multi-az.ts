import { finding, type Rule } from '../../rule';
import { pointsAt } from '../../terraform/references';

/**
 * Counts distinct `availability_zone` / `availability_zone_id` values of the VPC's subnets. Two
 * different expressions (`${data.aws_availability_zones.all.names[0]}` and `[1]`) count as two zones;
 * a subnet with a numeric `count` stands for that many zones only when its zone is an expression.
 */
export const vpcMultiAz: Rule = {
  id: 'PLAT_VPC_MULTI_AZ',
  title: 'VPC subnets span at least two availability zones',
  severity: 'high',
  category: 'resilience',
  references: {},
  remediation: 'Create public and private subnets in at least two availability zones (network config azCount >= 2).',
  check: (stack) =>
    stack.ofType('aws_vpc').flatMap((vpc) => {
      const zones = new Set<string>();
      for (const subnet of stack.ofType('aws_subnet').filter((s) => pointsAt(s.config['vpc_id'], vpc, ['id']))) {
        const zone = subnet.config['availability_zone'] ?? subnet.config['availability_zone_id'];
        if (typeof zone !== 'string') continue;
        const copies = typeof subnet.config['count'] === 'number' && zone.includes('${') ? subnet.config['count'] : 1;
        for (let i = 0; i < copies; i += 1) zones.add(copies > 1 ? `${zone}#${i}` : zone);
      }
      return zones.size >= 2 ? [] : [finding(vpc, `VPC subnets span ${zones.size} availability zone(s), fewer than 2`)];
    }),
};
