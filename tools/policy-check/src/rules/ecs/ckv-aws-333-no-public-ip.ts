import { finding, type Rule } from '../../rule';
import { block, isTrue } from '../../terraform/values';

export const serviceNoPublicIp: Rule = {
  id: 'CKV_AWS_333',
  title: 'ECS service does not assign public IPs to tasks',
  severity: 'high',
  category: 'public-exposure',
  references: { checkov: ['CKV_AWS_333'] },
  remediation: 'Set network_configuration.assign_public_ip = false and run the tasks in private subnets (egress via NAT).',
  check: (stack) =>
    stack
      .ofType('aws_ecs_service')
      .filter((service) => isTrue(block(service.config['network_configuration'])['assign_public_ip']))
      .map((service) => finding(service, 'network_configuration.assign_public_ip is true')),
};
