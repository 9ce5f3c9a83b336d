import { Construct } from 'constructs';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { FargateCluster } from './fargate-cluster';
import { restrictTaskEgress } from './task-egress';
import { FargateTaskDefinition, FargateTaskDefinitionProps } from './fargate-task-definition';
import { httpHealthCheck } from './http-health-check';
import { Network } from './network';
import { addScalableFargateService, addTargetTrackingPolicy } from './scalable-fargate-service';
import { requireServiceCounts, ServiceCounts } from './service-scaling';
import { requireIntegerInRange, requireMatch } from './validation';

export interface ServiceConnectFargateServiceProps
  extends Omit<FargateTaskDefinitionProps, 'healthCheck' | 'containerPort'>,
    ServiceCounts {
  readonly cluster: FargateCluster;
  readonly network: Network;
  readonly accountId: string;
  /** ARN of the environment's Cloud Map namespace (edge stack). */
  readonly namespaceArn: string;
  /** Name other services call it by: `http://<discoveryName>:<port>`. */
  readonly discoveryName: string;
  readonly containerPort: number;
  /** Path of the container health check. @default '/healthz' */
  readonly healthCheckPath?: string;
  /** @default 60 */
  readonly targetCpuUtilizationPercent?: number;
}

/**
 * An internal HTTP service: no load balancer; other services of the environment reach it through
 * ECS Service Connect at `http://<discoveryName>:<port>` (the Envoy proxy ECS adds balances and
 * retries). Ingress on the port from inside the VPC only, private subnets, no public IPs,
 * circuit breaker with rollback, autoscaling on CPU.
 */
export class ServiceConnectFargateService extends Construct {
  readonly task: FargateTaskDefinition;
  readonly service: EcsService;
  readonly serviceName: string;
  readonly securityGroupId: string;
  readonly clusterName: string;
  readonly counts: ServiceCounts;
  /** What callers use: `http://<discoveryName>:<port>`. */
  readonly endpoint: string;

  constructor(scope: Construct, id: string, props: ServiceConnectFargateServiceProps) {
    super(scope, id);
    const name = 'ServiceConnectFargateService';
    this.counts = requireServiceCounts(name, props);
    const port = requireIntegerInRange(name, 'containerPort', props.containerPort, 1, 65535);
    const discoveryName = requireMatch(name, 'discoveryName', props.discoveryName, /^[a-z][a-z0-9-]{0,62}$/, 'a lowercase DNS label');
    const healthCheckPath = requireMatch(name, 'healthCheckPath', props.healthCheckPath ?? '/healthz', /^\/[\w\-./]*$/, 'a path starting with "/"');
    const cpuTarget = requireIntegerInRange(name, 'targetCpuUtilizationPercent', props.targetCpuUtilizationPercent ?? 60, 10, 90);
    this.clusterName = props.cluster.clusterName;
    this.endpoint = `http://${discoveryName}:${port}`;

    this.task = new FargateTaskDefinition(this, 'task', { ...props, containerPort: port, healthCheck: httpHealthCheck(port, healthCheckPath) });

    const sg = new SecurityGroup(this, 'sg', {
      name: `${props.namePrefix}-service`,
      description: `${props.namePrefix} tasks: the service port from inside the VPC, HTTPS egress`,
      vpcId: props.network.vpcId,
    });
    this.securityGroupId = sg.id;
    new VpcSecurityGroupIngressRule(this, 'ingress-vpc', {
      securityGroupId: sg.id,
      description: 'Service Connect callers inside the VPC',
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      cidrIpv4: props.network.vpcCidrBlock,
    });
    restrictTaskEgress(this, sg.id, props.network, 'egress');

    const { service, scalingTarget } = addScalableFargateService(this, {
      namePrefix: props.namePrefix,
      cluster: props.cluster,
      network: props.network,
      task: this.task,
      counts: this.counts,
      securityGroupId: sg.id,
      serviceConnect: {
        enabled: true,
        namespace: props.namespaceArn,
        service: [{ portName: 'http', discoveryName, clientAlias: { port, dnsName: discoveryName } }],
      },
    });
    this.service = service;
    this.serviceName = service.name;
    addTargetTrackingPolicy(this, 'scale-on-cpu', scalingTarget, {
      name: `${props.namePrefix}-cpu`,
      targetValue: cpuTarget,
      predefinedMetricSpecification: { predefinedMetricType: 'ECSServiceAverageCPUUtilization' },
    });
  }
}
