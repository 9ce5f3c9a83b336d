import { finding, type Rule } from '../../rule';
import { pointsAt } from '../../terraform/references';

export const vpcFlowLogs: Rule = {
  id: 'CKV2_AWS_11',
  title: 'VPC has flow logs',
  severity: 'medium',
  category: 'logging',
  references: { checkov: ['CKV2_AWS_11'], trivy: ['AVD-AWS-0178'] },
  remediation: 'Add an aws_flow_log with vpc_id = <the vpc id> and traffic_type = "ALL" to a log group with retention.',
  check: (stack) =>
    stack
      .ofType('aws_vpc')
      .filter((vpc) => !stack.ofType('aws_flow_log').some((log) => pointsAt(log.config['vpc_id'], vpc, ['id'])))
      .map((vpc) => finding(vpc, 'VPC has no aws_flow_log')),
};
