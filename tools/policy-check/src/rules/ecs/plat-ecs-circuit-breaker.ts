import { finding, type Rule } from '../../rule';
import { block, isTrue } from '../../terraform/values';

export const serviceCircuitBreaker: Rule = {
  id: 'PLAT_ECS_CIRCUIT_BREAKER',
  title: 'ECS service has the deployment circuit breaker with rollback',
  severity: 'medium',
  category: 'resilience',
  references: {},
  remediation: 'Set deployment_circuit_breaker { enable = true, rollback = true } on the service.',
  check: (stack) =>
    stack.ofType('aws_ecs_service').flatMap((service) => {
      // The breaker only exists for the rolling-update (ECS) deployment controller.
      const controller = block(service.config['deployment_controller'])['type'];
      if (controller !== undefined && controller !== 'ECS') return [];
      const breaker = block(service.config['deployment_circuit_breaker']);
      if (!isTrue(breaker['enable'])) return [finding(service, 'deployment_circuit_breaker is not enabled')];
      if (!isTrue(breaker['rollback'])) return [finding(service, 'deployment_circuit_breaker.rollback is not true')];
      return [];
    }),
};
