import { finding, type Rule } from '../../rule';
import { isProductionLike } from '../../terraform/environment';
import { isTrue } from '../../terraform/values';
import { loadBalancers } from './load-balancers';

export const loadBalancerDeletionProtection: Rule = {
  id: 'CKV_AWS_150',
  title: 'Load balancer has deletion protection in prod',
  severity: 'medium',
  category: 'resilience',
  references: { checkov: ['CKV_AWS_150'] },
  remediation: 'Set enable_deletion_protection = true on the load balancer in prod (the environment config turns it on).',
  check: (stack) => {
    if (!isProductionLike(stack.environment)) return [];
    return loadBalancers(stack)
      .filter((lb) => !isTrue(lb.config['enable_deletion_protection']))
      .map((lb) =>
        finding(lb, `enable_deletion_protection is not true in environment ${stack.environment.kind} (from ${stack.environment.source})`),
      );
  },
};
