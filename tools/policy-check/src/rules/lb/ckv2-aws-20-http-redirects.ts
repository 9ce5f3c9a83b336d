import { finding, type Rule } from '../../rule';
import { pointsAt } from '../../terraform/references';
import { block, blocks, lower } from '../../terraform/values';
import { loadBalancers } from './load-balancers';

/**
 * Once a load balancer serves HTTPS, its plain-HTTP listeners must only redirect to HTTPS.
 * A load balancer with no certificate (dev without a domain) has no HTTPS to redirect to; that
 * case is not flagged here.
 */
export const httpRedirectsToHttps: Rule = {
  id: 'CKV2_AWS_20',
  title: 'ALB with an HTTPS listener redirects HTTP to HTTPS',
  severity: 'medium',
  category: 'transport',
  references: { checkov: ['CKV2_AWS_20', 'CKV_AWS_2'], trivy: ['AVD-AWS-0054'] },
  remediation: 'Make the HTTP listener\'s default_action { type = "redirect", redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" } }.',
  check: (stack) =>
    loadBalancers(stack).flatMap((lb) => {
      const listeners = stack
        .ofType('aws_lb_listener', 'aws_alb_listener')
        .filter((listener) => pointsAt(listener.config['load_balancer_arn'], lb, ['arn', 'id']));
      if (!listeners.some((listener) => lower(listener.config['protocol']) === 'https')) return [];
      return listeners
        .filter((listener) => lower(listener.config['protocol'] ?? 'HTTP') === 'http')
        .filter(
          (listener) =>
            !blocks(listener.config['default_action']).every(
              (action) => action['type'] === 'redirect' && lower(block(action['redirect'])['protocol']) === 'https',
            ),
        )
        .map((listener) => finding(listener, 'HTTP listener does not redirect to HTTPS although the load balancer serves HTTPS'));
    }),
};
