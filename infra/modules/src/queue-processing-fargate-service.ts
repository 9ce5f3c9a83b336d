import { Construct } from 'constructs';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { FargateCluster } from './fargate-cluster';
import { restrictTaskEgress } from './task-egress';
import { FargateTaskDefinition, FargateTaskDefinitionProps } from './fargate-task-definition';
import { Network } from './network';
import { QueueReference } from './queue';
import { addScalableFargateService, addTargetTrackingPolicy } from './scalable-fargate-service';
import { requireServiceCounts, ServiceCounts } from './service-scaling';
import { InvalidPropsError, requireIntegerInRange } from './validation';

export interface QueueProcessingFargateServiceProps
  extends Omit<FargateTaskDefinitionProps, 'containerPort'>,
    ServiceCounts {
  readonly cluster: FargateCluster;
  readonly network: Network;
  readonly accountId: string;
  /** The queue the service consumes; the task role gets consume rights on it. */
  readonly queue: QueueReference;
  /** `send-consume` when the worker also re-enqueues (a sweeper). @default 'consume' */
  readonly queueAccess?: 'consume' | 'send-consume';
  /**
   * Visible messages per running task the service aims for: acceptable queue latency divided
   * by the time one message takes.
   * @default 10
   */
  readonly targetBacklogPerTask?: number;
  /** Cloud Map namespace of the environment: the service may call backends by name. @default - no Service Connect */
  readonly serviceConnectNamespaceArn?: string;
  /** Let tasks protect themselves from scale-in while a message is in flight. @default true */
  readonly allowTaskScaleInProtection?: boolean;
}

/**
 * A Fargate queue consumer: no load balancer and no ingress (egress on 443 only), tasks in the
 * private subnets with no public IP, circuit breaker with rollback, and scaling on backlog per
 * task (visible messages / running tasks, by metric math target tracking) rather than CPU.
 * Tasks may call `ecs:UpdateTaskProtection` on tasks of their own cluster so a scale-in never
 * kills a task mid-message.
 */
export class QueueProcessingFargateService extends Construct {
  readonly task: FargateTaskDefinition;
  readonly service: EcsService;
  readonly serviceName: string;
  readonly securityGroupId: string;
  readonly clusterName: string;
  readonly counts: ServiceCounts;
  readonly queue: QueueReference;

  constructor(scope: Construct, id: string, props: QueueProcessingFargateServiceProps) {
    super(scope, id);
    const name = 'QueueProcessingFargateService';
    this.counts = requireServiceCounts(name, props);
    const backlogTarget = requireIntegerInRange(name, 'targetBacklogPerTask', props.targetBacklogPerTask ?? 10, 1, 100000);
    const alreadyGranted = (props.grants?.queues ?? []).some((g) => g.queue === props.queue);
    if (alreadyGranted) {
      throw new InvalidPropsError(name, 'grants.queues must not list queue again; set queueAccess instead (the service grants itself access to its queue)');
    }
    this.queue = props.queue;
    this.clusterName = props.cluster.clusterName;

    const protection = props.allowTaskScaleInProtection ?? true;
    this.task = new FargateTaskDefinition(this, 'task', {
      ...props,
      grants: {
        tables: props.grants?.tables,
        queues: [...(props.grants?.queues ?? []), { queue: props.queue, access: props.queueAccess ?? 'consume' }],
      },
      extraTaskRoleStatements: [
        ...(props.extraTaskRoleStatements ?? []),
        ...(protection
          ? [
              {
                Sid: 'ProtectOwnTaskFromScaleIn',
                Effect: 'Allow' as const,
                Action: ['ecs:UpdateTaskProtection', 'ecs:GetTaskProtection'],
                Resource: [`arn:aws:ecs:${props.region}:${props.accountId}:task/${props.cluster.clusterName}/*`],
              },
            ]
          : []),
      ],
    });

    const sg = new SecurityGroup(this, 'sg', {
      name: `${props.namePrefix}-service`,
      description: `${props.namePrefix} tasks: no ingress, HTTPS egress to AWS APIs`,
      vpcId: props.network.vpcId,
    });
    restrictTaskEgress(this, sg.id, props.network, 'egress');
    this.securityGroupId = sg.id;

    const { service, scalingTarget } = addScalableFargateService(this, {
      namePrefix: props.namePrefix,
      cluster: props.cluster,
      network: props.network,
      task: this.task,
      counts: this.counts,
      securityGroupId: sg.id,
      serviceConnect: props.serviceConnectNamespaceArn ? { enabled: true, namespace: props.serviceConnectNamespaceArn } : undefined,
    });
    this.service = service;
    this.serviceName = service.name;

    addTargetTrackingPolicy(this, 'scale-on-backlog', scalingTarget, {
      name: `${props.namePrefix}-backlog-per-task`,
      targetValue: backlogTarget,
      customizedMetricSpecification: {
        metrics: [
          {
            id: 'visible',
            label: 'Visible messages',
            returnData: false,
            metricStat: {
              stat: 'Sum',
              metric: {
                namespace: 'AWS/SQS',
                metricName: 'ApproximateNumberOfMessagesVisible',
                dimensions: [{ name: 'QueueName', value: props.queue.queueName }],
              },
            },
          },
          {
            id: 'running',
            label: 'Running tasks',
            returnData: false,
            metricStat: {
              stat: 'Average',
              metric: {
                namespace: 'ECS/ContainerInsights',
                metricName: 'RunningTaskCount',
                dimensions: [
                  { name: 'ClusterName', value: props.cluster.clusterName },
                  { name: 'ServiceName', value: this.service.name },
                ],
              },
            },
          },
          // minCount >= 1 keeps the divisor positive.
          { id: 'backlog_per_task', label: 'Backlog per task', expression: 'visible / running', returnData: true },
        ],
      },
    });
  }
}
