import { Construct } from 'constructs';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { LbListenerRule, LbListenerRuleCondition } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { FargateCluster } from './fargate-cluster';
import { restrictTaskEgress } from './task-egress';
import { ContainerHealthCheck, FargateTaskDefinition, FargateTaskDefinitionProps } from './fargate-task-definition';
import { httpHealthCheck } from './http-health-check';
import { Network } from './network';
import { addScalableFargateService, addTargetTrackingPolicy } from './scalable-fargate-service';
import { SharedLoadBalancer } from './shared-load-balancer';
import { requireServiceCounts, ServiceCounts } from './service-scaling';
import { InvalidPropsError, requireIntegerInRange, requireMatch } from './validation';

/** Which requests of the shared listener reach the service. */
export interface ListenerRouting {
  /** Path patterns (`/v1/*`); at most 5 values with `hosts` (an ALB rule limit). */
  readonly paths: readonly string[];
  /** Host headers; with paths, both must match. @default - any host */
  readonly hosts?: readonly string[];
  /** Rule priority on the listener, unique per listener; lower is evaluated first. */
  readonly priority: number;
}

export interface LoadBalancedFargateServiceProps
  extends Omit<FargateTaskDefinitionProps, 'healthCheck' | 'containerPort'>,
    ServiceCounts {
  readonly cluster: FargateCluster;
  readonly network: Network;
  readonly accountId: string;
  /** The environment's shared ALB (edge stack); the service adds a target group and a listener rule. */
  readonly loadBalancer: SharedLoadBalancer;
  readonly routing: ListenerRouting;
  /** @default 3000 */
  readonly containerPort?: number;
  /** Path the ALB and the container health check request. @default '/healthz' */
  readonly healthCheckPath?: string;
  /** HTTP codes of a healthy answer. @default '200' */
  readonly healthCheckMatcher?: string;
  /** @default - `node` fetches http://127.0.0.1:<port><healthCheckPath> inside the container */
  readonly containerHealthCheck?: ContainerHealthCheck;
  /** Cloud Map namespace of the environment: the service may call backends by name. @default - no Service Connect */
  readonly serviceConnectNamespaceArn?: string;
  /** @default 60 */
  readonly targetCpuUtilizationPercent?: number;
  /** @default 500 */
  readonly targetRequestsPerTarget?: number;
}

/**
 * A Fargate service behind the environment's shared ALB: a target group with health checks on
 * the service's health path, a listener rule by path and/or host with its own priority, tasks
 * reachable only from the ALB's security group, no public IPs, circuit breaker with rollback,
 * autoscaling on CPU and on requests per target.
 */
export class LoadBalancedFargateService extends Construct {
  readonly task: FargateTaskDefinition;
  readonly service: EcsService;
  readonly serviceName: string;
  readonly loadBalancerArnSuffix: string;
  readonly targetGroup: LbTargetGroup;
  readonly targetGroupArnSuffix: string;
  readonly listenerRule: LbListenerRule;
  readonly serviceSecurityGroupId: string;
  readonly clusterName: string;
  readonly counts: ServiceCounts;

  constructor(scope: Construct, id: string, props: LoadBalancedFargateServiceProps) {
    super(scope, id);
    const name = 'LoadBalancedFargateService';
    this.counts = requireServiceCounts(name, props);
    const containerPort = requireIntegerInRange(name, 'containerPort', props.containerPort ?? 3000, 1, 65535);
    const healthCheckPath = requireMatch(name, 'healthCheckPath', props.healthCheckPath ?? '/healthz', /^\/[\w\-./]*$/, 'a path starting with "/"');
    const matcher = requireMatch(name, 'healthCheckMatcher', props.healthCheckMatcher ?? '200', /^\d{3}(-\d{3})?(,\d{3})*$/, 'HTTP codes such as "200" or "200-299"');
    const priority = requireIntegerInRange(name, 'routing.priority', props.routing.priority, 1, 50000);
    const hosts = props.routing.hosts ?? [];
    if (props.routing.paths.length === 0 && hosts.length === 0) throw new InvalidPropsError(name, 'routing needs paths or hosts');
    if (props.routing.paths.length + hosts.length > 5) {
      throw new InvalidPropsError(name, `routing.paths and routing.hosts have ${props.routing.paths.length + hosts.length} values; an ALB rule takes at most 5`);
    }
    const cpuTarget = requireIntegerInRange(name, 'targetCpuUtilizationPercent', props.targetCpuUtilizationPercent ?? 60, 10, 90);
    const requestTarget = requireIntegerInRange(name, 'targetRequestsPerTarget', props.targetRequestsPerTarget ?? 500, 1, 100000);
    this.clusterName = props.cluster.clusterName;
    this.loadBalancerArnSuffix = props.loadBalancer.loadBalancerArnSuffix;

    this.task = new FargateTaskDefinition(this, 'task', {
      ...props,
      containerPort,
      healthCheck: props.containerHealthCheck ?? httpHealthCheck(containerPort, healthCheckPath),
    });

    const serviceSg = new SecurityGroup(this, 'service-sg', {
      name: `${props.namePrefix}-service`,
      description: `${props.namePrefix} tasks: container port from the load balancer only`,
      vpcId: props.network.vpcId,
    });
    this.serviceSecurityGroupId = serviceSg.id;
    new VpcSecurityGroupEgressRule(this, 'lb-egress-tasks', {
      securityGroupId: props.loadBalancer.securityGroupId,
      description: `To ${props.namePrefix} tasks on the container port`,
      ipProtocol: 'tcp',
      fromPort: containerPort,
      toPort: containerPort,
      referencedSecurityGroupId: serviceSg.id,
    });
    new VpcSecurityGroupIngressRule(this, 'service-ingress-lb', {
      securityGroupId: serviceSg.id,
      description: 'From the load balancer only',
      ipProtocol: 'tcp',
      fromPort: containerPort,
      toPort: containerPort,
      referencedSecurityGroupId: props.loadBalancer.securityGroupId,
    });
    restrictTaskEgress(this, serviceSg.id, props.network, 'service-egress');

    // A change to port, protocol, target type or VPC replaces the target group. With a fixed name the new
    // one cannot exist beside the old one, so Terraform would have to destroy first while the listener
    // rule still points at it: name_prefix + create_before_destroy creates the new group, moves the rule,
    // then deletes the old. The readable name is the Name tag.
    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      namePrefix: 'tg-',
      tags: { Name: `${props.namePrefix}-tg` },
      lifecycle: { createBeforeDestroy: true },
      port: containerPort,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: props.network.vpcId,
      deregistrationDelay: '30',
      healthCheck: {
        enabled: true,
        path: healthCheckPath,
        matcher,
        protocol: 'HTTP',
        interval: 15,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    });
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;

    const conditions: LbListenerRuleCondition[] = [];
    if (props.routing.paths.length > 0) conditions.push({ pathPattern: { values: [...props.routing.paths] } });
    if (hosts.length > 0) conditions.push({ hostHeader: { values: [...hosts] } });
    this.listenerRule = new LbListenerRule(this, 'listener-rule', {
      listenerArn: props.loadBalancer.listenerArn,
      priority,
      condition: conditions,
      action: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
    });

    const { service, scalingTarget } = addScalableFargateService(this, {
      namePrefix: props.namePrefix,
      cluster: props.cluster,
      network: props.network,
      task: this.task,
      counts: this.counts,
      securityGroupId: serviceSg.id,
      loadBalancer: { targetGroupArn: this.targetGroup.arn, containerName: this.task.containerName, containerPort },
      healthCheckGracePeriodSeconds: 30,
      serviceConnect: props.serviceConnectNamespaceArn ? { enabled: true, namespace: props.serviceConnectNamespaceArn } : undefined,
      dependsOn: [this.listenerRule],
    });
    this.service = service;
    this.serviceName = service.name;

    addTargetTrackingPolicy(this, 'scale-on-cpu', scalingTarget, {
      name: `${props.namePrefix}-cpu`,
      targetValue: cpuTarget,
      predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
    });
    addTargetTrackingPolicy(this, 'scale-on-requests', scalingTarget, {
      name: `${props.namePrefix}-requests`,
      targetValue: requestTarget,
      predefinedMetricSpecification: {
        predefinedMetricType: 'ALBRequestCountPerTarget',
        resourceLabel: `${props.loadBalancer.loadBalancerArnSuffix}/${this.targetGroup.arnSuffix}`,
      },
    });
  }
}
