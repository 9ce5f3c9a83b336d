import { Construct } from 'constructs';
import { ITerraformDependable } from 'cdktf';
import {
  AppautoscalingPolicy,
  AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration,
} from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsService, EcsServiceLoadBalancer, EcsServiceServiceConnectConfiguration } from '@cdktf/provider-aws/lib/ecs-service';
import { FargateCluster } from './fargate-cluster';
import { FargateTaskDefinition } from './fargate-task-definition';
import { Network } from './network';
import { ServiceCounts } from './service-scaling';

export interface ScalableFargateServiceProps {
  /** ECS service name. */
  readonly namePrefix: string;
  readonly cluster: FargateCluster;
  readonly network: Network;
  readonly task: FargateTaskDefinition;
  /** Already validated with `requireServiceCounts`. */
  readonly counts: ServiceCounts;
  /** Security group of the tasks. */
  readonly securityGroupId: string;
  /** Target group registration, for a service behind a load balancer. @default - none */
  readonly loadBalancer?: EcsServiceLoadBalancer;
  /** @default - none (ECS only uses it with a load balancer) */
  readonly healthCheckGracePeriodSeconds?: number;
  /** ECS Service Connect: a client of the namespace, or also a server of it (a backend). @default - off */
  readonly serviceConnect?: EcsServiceServiceConnectConfiguration;
  /** Besides the task's execution-role policy, which the service always waits for. @default [] */
  readonly dependsOn?: ITerraformDependable[];
}

export interface ScalableFargateService {
  readonly service: EcsService;
  readonly scalingTarget: AppautoscalingTarget;
}

/**
 * The ECS service and its autoscaling target, with the defaults every platform service shares:
 * Fargate in the private subnets without public IPs, circuit breaker with rollback, a full new
 * set of tasks before the old ones stop, managed and propagated tags, `apply` waits for a steady
 * state. Both resources are added to `scope` itself (ids `service` and `scaling-target`) so their
 * Terraform addresses stay those of the calling construct; scaling policies are the caller's.
 */
export function addScalableFargateService(scope: Construct, props: ScalableFargateServiceProps): ScalableFargateService {
  const { cluster, counts } = props;
  const service = new EcsService(scope, 'service', {
    name: props.namePrefix,
    cluster: cluster.clusterArn,
    taskDefinition: props.task.taskDefinitionArn,
    desiredCount: counts.desiredCount,
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 1 }],
    platformVersion: 'LATEST',
    networkConfiguration: { subnets: props.network.privateSubnetIds, securityGroups: [props.securityGroupId], assignPublicIp: false },
    loadBalancer: props.loadBalancer ? [props.loadBalancer] : undefined,
    healthCheckGracePeriodSeconds: props.healthCheckGracePeriodSeconds,
    serviceConnectConfiguration: props.serviceConnect,
    deploymentCircuitBreaker: { enable: true, rollback: true },
    deploymentMinimumHealthyPercent: 100,
    deploymentMaximumPercent: 200,
    enableEcsManagedTags: true,
    propagateTags: 'SERVICE',
    waitForSteadyState: true,
    // Autoscaling owns the count after the first deploy.
    lifecycle: { ignoreChanges: ['desired_count'] },
    // A first apply must not start tasks before they may pull their image and write their logs.
    dependsOn: [props.task.executionPolicy, ...(props.dependsOn ?? [])],
  });
  const scalingTarget = new AppautoscalingTarget(scope, 'scaling-target', {
    serviceNamespace: 'ecs',
    resourceId: `service/${cluster.clusterName}/${service.name}`,
    scalableDimension: 'ecs:service:DesiredCount',
    minCapacity: counts.minCount,
    maxCapacity: counts.maxCount,
  });
  return { service, scalingTarget };
}

export interface TargetTrackingPolicyProps
  extends Omit<AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration, 'scaleInCooldown' | 'scaleOutCooldown'> {
  readonly name: string;
}

/** A target tracking policy on `target`: quick to scale out (60 s cooldown), slow to scale in (300 s) so it does not flap. */
export function addTargetTrackingPolicy(
  scope: Construct,
  id: string,
  target: AppautoscalingTarget,
  { name, ...configuration }: TargetTrackingPolicyProps,
): AppautoscalingPolicy {
  return new AppautoscalingPolicy(scope, id, {
    name,
    policyType: 'TargetTrackingScaling',
    serviceNamespace: target.serviceNamespace,
    resourceId: target.resourceId,
    scalableDimension: target.scalableDimension,
    targetTrackingScalingPolicyConfiguration: { ...configuration, scaleInCooldown: 300, scaleOutCooldown: 60 },
  });
}
