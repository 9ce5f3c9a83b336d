/** Load balancer helpers: `aws_alb` is the older alias of `aws_lb`. */
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { isTrue } from '../../terraform/values';

export function loadBalancers(stack: Stack): TerraformBlock[] {
  return stack.ofType('aws_lb', 'aws_alb');
}

/** `load_balancer_type` defaults to application. */
export function isApplicationLoadBalancer(lb: TerraformBlock): boolean {
  const type = lb.config['load_balancer_type'];
  return type === undefined || type === 'application';
}

/** `internal` defaults to false: a load balancer is internet-facing unless it says otherwise. */
export function isInternetFacing(lb: TerraformBlock): boolean {
  return !isTrue(lb.config['internal']);
}
