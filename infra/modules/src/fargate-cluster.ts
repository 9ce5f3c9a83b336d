import { Construct } from 'constructs';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { requireMatch } from './validation';

export interface FargateClusterProps {
  readonly clusterName: string;
  /**
   * Container Insights level: `enhanced` adds per-task metrics. Never off: the running-task
   * alarm and the worker's backlog-per-task scaling read its RunningTaskCount metric.
   * @default 'enabled'
   */
  readonly containerInsights?: 'enabled' | 'enhanced';
}

/** An ECS cluster for Fargate tasks with Container Insights on. */
export class FargateCluster extends Construct {
  readonly cluster: EcsCluster;
  readonly clusterName: string;
  readonly clusterArn: string;

  constructor(scope: Construct, id: string, props: FargateClusterProps) {
    super(scope, id);
    requireMatch('FargateCluster', 'clusterName', props.clusterName, /^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, "_" or "-"');
    this.cluster = new EcsCluster(this, 'cluster', {
      name: props.clusterName,
      setting: [{ name: 'containerInsights', value: props.containerInsights ?? 'enabled' }],
    });
    new EcsClusterCapacityProviders(this, 'capacity-providers', {
      clusterName: this.cluster.name,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 1 }],
    });
    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;
  }
}
