import { finding, type Rule } from '../../rule';
import { block, isSet, isTrue } from '../../terraform/values';
import { loadBalancers } from './load-balancers';

export const loadBalancerAccessLogs: Rule = {
  id: 'CKV_AWS_91',
  title: 'Load balancer writes access logs',
  severity: 'medium',
  category: 'logging',
  references: { checkov: ['CKV_AWS_91'] },
  remediation: 'Set access_logs { bucket = <log bucket>, enabled = true } on the load balancer.',
  check: (stack) =>
    loadBalancers(stack).flatMap((lb) => {
      const logs = block(lb.config['access_logs']);
      // The provider's `enabled` defaults to false even when a bucket is given.
      if (!isTrue(logs['enabled'])) return [finding(lb, 'access_logs.enabled is not true')];
      if (!isSet(logs['bucket'])) return [finding(lb, 'access_logs has no bucket')];
      return [];
    }),
};
