import { finding, type Rule } from '../../rule';
import { isTrue } from '../../terraform/values';
import { isApplicationLoadBalancer, isInternetFacing, loadBalancers } from './load-balancers';

/** Internet-facing ALBs are covered by AVD-AWS-0053, so one missing flag gives one finding. */
export const dropInvalidHeaders: Rule = {
  id: 'CKV_AWS_131',
  title: 'Internal ALB drops invalid HTTP header fields',
  severity: 'medium',
  category: 'public-exposure',
  references: { checkov: ['CKV_AWS_131'], trivy: ['AVD-AWS-0052'] },
  remediation: 'Set drop_invalid_header_fields = true on the load balancer.',
  check: (stack) =>
    loadBalancers(stack)
      .filter((lb) => isApplicationLoadBalancer(lb) && !isInternetFacing(lb))
      .filter((lb) => !isTrue(lb.config['drop_invalid_header_fields']))
      .map((lb) => finding(lb, 'drop_invalid_header_fields is not true')),
};
