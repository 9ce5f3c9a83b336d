import { finding, type Rule } from '../../rule';
import { blocks } from '../../terraform/values';

export const clusterContainerInsights: Rule = {
  id: 'CKV_AWS_65',
  title: 'ECS cluster has Container Insights enabled',
  severity: 'low',
  category: 'logging',
  references: { checkov: ['CKV_AWS_65'], trivy: ['AVD-AWS-0034'] },
  remediation: 'Add setting { name = "containerInsights", value = "enabled" } to the cluster.',
  check: (stack) =>
    stack
      .ofType('aws_ecs_cluster')
      .filter(
        (cluster) =>
          !blocks(cluster.config['setting']).some(
            (setting) => setting['name'] === 'containerInsights' && ['enabled', 'enhanced'].includes(String(setting['value'])),
          ),
      )
      .map((cluster) => finding(cluster, 'containerInsights setting is not enabled')),
};
