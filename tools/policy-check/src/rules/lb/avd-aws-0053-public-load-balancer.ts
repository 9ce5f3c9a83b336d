import { finding, type Rule } from '../../rule';
import { isTrue } from '../../terraform/values';
import { isApplicationLoadBalancer, isInternetFacing, loadBalancers } from './load-balancers';

/**
 * trivy AVD-AWS-0053 forbids internet-facing load balancers outright. We need exactly one (the API's
 * ALB), so the rule allows internal = false only on an application load balancer that drops
 * invalid HTTP header fields.
 */
export const publicLoadBalancer: Rule = {
  id: 'AVD-AWS-0053',
  title: 'Internet-facing load balancer is a hardened ALB (drops invalid headers)',
  severity: 'high',
  category: 'public-exposure',
  references: { trivy: ['AVD-AWS-0053'], checkov: ['CKV_AWS_131'] },
  remediation:
    'Set internal = true, or keep it internet-facing only as an application load balancer with drop_invalid_header_fields = true.',
  check: (stack) =>
    loadBalancers(stack)
      .filter(isInternetFacing)
      .flatMap((lb) => {
        if (!isApplicationLoadBalancer(lb)) {
          return [finding(lb, `internet-facing ${String(lb.config['load_balancer_type'])} load balancer`)];
        }
        if (!isTrue(lb.config['drop_invalid_header_fields'])) {
          return [finding(lb, 'internet-facing ALB does not set drop_invalid_header_fields = true')];
        }
        return [];
      }),
};
