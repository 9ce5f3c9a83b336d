import { finding, type Rule } from '../../rule';
import { pointsAt } from '../../terraform/references';
import { resolveAcrossStacks } from '../../terraform/remote-state';
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { isApplicationLoadBalancer, isInternetFacing, loadBalancers } from '../lb/load-balancers';

const ASSOCIATIONS = ['aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association'];

/** An association in any stack whose resource_arn (followed through remote state) is this load balancer's ARN. */
function isProtected(stack: Stack, lb: TerraformBlock, stacks: readonly Stack[]): boolean {
  return stacks.some((candidate) =>
    candidate.ofType(...ASSOCIATIONS).some((association) => {
      const origin = resolveAcrossStacks(candidate, association.config['resource_arn'], stacks);
      return origin.stack === stack && pointsAt(origin.value, lb, ['arn', 'id']);
    }),
  );
}

export const albProtectedByWaf: Rule = {
  id: 'CKV2_AWS_28',
  title: 'Internet-facing ALB is associated with a WAF web ACL',
  severity: 'high',
  category: 'public-exposure',
  references: { checkov: ['CKV2_AWS_28'] },
  remediation: 'Associate a WAFv2 web ACL (the WebAcl construct with loadBalancer = the ALB) through aws_wafv2_web_acl_association.',
  check: (stack, stacks = [stack]) =>
    loadBalancers(stack)
      .filter((lb) => isInternetFacing(lb) && isApplicationLoadBalancer(lb))
      .filter((lb) => !isProtected(stack, lb, stacks))
      .map((lb) => finding(lb, 'internet-facing ALB has no WAF web ACL association')),
};
