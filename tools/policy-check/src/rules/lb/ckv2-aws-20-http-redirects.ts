import { finding, type Rule } from '../../rule';
import { pointsAt } from '../../terraform/references';
import { resolveAcrossStacks } from '../../terraform/remote-state';
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { block, blocks, lower } from '../../terraform/values';
import { isApplicationLoadBalancer, isInternetFacing, loadBalancers } from './load-balancers';

/** Listeners of `lb` in any stack (followed through remote-state outputs to the load balancer's stack). */
function listenersOf(stack: Stack, lb: TerraformBlock, stacks: readonly Stack[]): TerraformBlock[] {
  return stacks.flatMap((candidate) =>
    candidate.ofType('aws_lb_listener', 'aws_alb_listener').filter((listener) => {
      const origin = resolveAcrossStacks(candidate, listener.config['load_balancer_arn'], stacks);
      return origin.stack === stack && pointsAt(origin.value, lb, ['arn', 'id']);
    }),
  );
}

const redirectsToHttps = (listener: TerraformBlock) =>
  blocks(listener.config['default_action']).every(
    (action) => action['type'] === 'redirect' && lower(block(action['redirect'])['protocol']) === 'https',
  );

/**
 * Outside dev an internet-facing ALB serves HTTPS, and its plain-HTTP listeners only redirect to
 * HTTPS. In dev (which may have no domain or certificate) plain HTTP is allowed, but once a load
 * balancer serves HTTPS there too, its HTTP listeners must redirect. The environment comes from the
 * stack's `env` default tag (then backend key, then stack name).
 */
export const httpRedirectsToHttps: Rule = {
  id: 'CKV2_AWS_20',
  title: 'ALB serves HTTPS (outside dev) and redirects HTTP to HTTPS',
  severity: 'medium',
  category: 'transport',
  references: { checkov: ['CKV2_AWS_20', 'CKV_AWS_2'], trivy: ['AVD-AWS-0054'] },
  remediation:
    'Add an HTTPS listener with a certificate, and make the HTTP listener\'s default_action { type = "redirect", redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" } }.',
  check: (stack, stacks = [stack]) =>
    loadBalancers(stack).flatMap((lb) => {
      const listeners = listenersOf(stack, lb, stacks);
      const hasHttps = listeners.some((listener) => lower(listener.config['protocol']) === 'https');
      const strict = stack.environment.kind !== 'dev' && isInternetFacing(lb) && isApplicationLoadBalancer(lb);
      if (!hasHttps && !strict) return [];
      const http = listeners
        .filter((listener) => lower(listener.config['protocol'] ?? 'HTTP') === 'http')
        .filter((listener) => !redirectsToHttps(listener))
        .map((listener) =>
          finding(listener, hasHttps ? 'HTTP listener does not redirect to HTTPS although the load balancer serves HTTPS' : `HTTP listener does not redirect to HTTPS (env ${stack.environment.kind} from ${stack.environment.source})`),
        );
      const noHttps = hasHttps
        ? []
        : [finding(lb, `internet-facing ALB has no HTTPS listener (env ${stack.environment.kind} from ${stack.environment.source})`)];
      return [...noHttps, ...http];
    }),
};
