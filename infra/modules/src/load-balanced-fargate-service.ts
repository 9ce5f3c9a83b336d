import { Construct } from 'constructs';
import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { FargateCluster } from './fargate-cluster';
import { ContainerHealthCheck, FargateTaskDefinition, FargateTaskDefinitionProps } from './fargate-task-definition';
import { Network } from './network';
import { addScalableFargateService, addTargetTrackingPolicy } from './scalable-fargate-service';
import { SecureBucket } from './secure-bucket';
import { requireServiceCounts, ServiceCounts } from './service-scaling';
import { InvalidPropsError, requireIntegerInRange, requireMatch } from './validation';

export interface LoadBalancedFargateServiceProps
  extends Omit<FargateTaskDefinitionProps, 'healthCheck' | 'containerPort'>,
    ServiceCounts {
  readonly cluster: FargateCluster;
  readonly network: Network;
  readonly accountId: string;
  /** @default 3000 */
  readonly containerPort?: number;
  /** Path the ALB and the container health check request. @default '/healthz' */
  readonly healthCheckPath?: string;
  /** @default - `node` fetches http://127.0.0.1:<port><healthCheckPath> inside the container */
  readonly containerHealthCheck?: ContainerHealthCheck;
  /** ACM certificate; with it the ALB serves HTTPS and redirects HTTP. @default - HTTP only */
  readonly certificateArn?: string;
  /** Only with `certificateArn`. @default 'ELBSecurityPolicy-TLS13-1-2-2021-06' */
  readonly sslPolicy?: string;
  /** Globally unique name of the ALB access-log bucket. */
  readonly accessLogsBucketName: string;
  /** @default 90 */
  readonly accessLogsRetentionDays?: number;
  /** Let `terraform destroy` delete the access-log bucket with its logs (short-lived previews). @default false */
  readonly accessLogsForceDestroy?: boolean;
  /** @default true */
  readonly loadBalancerDeletionProtection?: boolean;
  /** Long enough for server-sent events between keep-alives. @default 120 */
  readonly idleTimeoutSeconds?: number;
  /** @default 60 */
  readonly targetCpuUtilizationPercent?: number;
  /** @default 500 */
  readonly targetRequestsPerTarget?: number;
}

const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * An internet-facing ALB in the public subnets in front of a Fargate service in the private
 * subnets: HTTPS with an HTTP redirect when a certificate is given (HTTP only otherwise),
 * invalid headers dropped, access logs to an encrypted TLS-only bucket with retention, target
 * health on /healthz, tasks reachable only from the ALB's security group, no public IPs,
 * circuit breaker with rollback, autoscaling on CPU and on requests per target.
 */
export class LoadBalancedFargateService extends Construct {
  readonly task: FargateTaskDefinition;
  readonly service: EcsService;
  readonly serviceName: string;
  readonly loadBalancer: Lb;
  readonly loadBalancerArn: string;
  readonly loadBalancerArnSuffix: string;
  readonly loadBalancerDnsName: string;
  readonly targetGroup: LbTargetGroup;
  readonly targetGroupArnSuffix: string;
  readonly loadBalancerSecurityGroupId: string;
  readonly serviceSecurityGroupId: string;
  readonly accessLogsBucket: SecureBucket;
  readonly httpsEnabled: boolean;
  readonly clusterName: string;
  readonly counts: ServiceCounts;

  constructor(scope: Construct, id: string, props: LoadBalancedFargateServiceProps) {
    super(scope, id);
    const name = 'LoadBalancedFargateService';
    this.counts = requireServiceCounts(name, props);
    const containerPort = requireIntegerInRange(name, 'containerPort', props.containerPort ?? 3000, 1, 65535);
    const healthCheckPath = requireMatch(name, 'healthCheckPath', props.healthCheckPath ?? '/healthz', /^\/[\w\-./]*$/, 'a path starting with "/"');
    if (props.certificateArn !== undefined) {
      requireMatch(name, 'certificateArn', props.certificateArn, /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN');
    }
    if (props.sslPolicy !== undefined && props.certificateArn === undefined) {
      throw new InvalidPropsError(name, 'sslPolicy needs certificateArn (without a certificate there is no HTTPS listener)');
    }
    const idleTimeout = requireIntegerInRange(name, 'idleTimeoutSeconds', props.idleTimeoutSeconds ?? 120, 1, 4000);
    const cpuTarget = requireIntegerInRange(name, 'targetCpuUtilizationPercent', props.targetCpuUtilizationPercent ?? 60, 10, 90);
    const requestTarget = requireIntegerInRange(name, 'targetRequestsPerTarget', props.targetRequestsPerTarget ?? 500, 1, 100000);
    const accessLogsRetention = requireIntegerInRange(name, 'accessLogsRetentionDays', props.accessLogsRetentionDays ?? 90, 1, 3650);
    this.httpsEnabled = props.certificateArn !== undefined;
    this.clusterName = props.cluster.clusterName;

    this.task = new FargateTaskDefinition(this, 'task', {
      ...props,
      containerPort,
      healthCheck: props.containerHealthCheck ?? {
        command: [
          'CMD',
          'node',
          '-e',
          `fetch('http://127.0.0.1:${containerPort}${healthCheckPath}').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`,
        ],
      },
    });

    // ALB access logs accept SSE-S3 only (not SSE-KMS); the bucket is still encrypted, private and TLS-only.
    const elbAccount = new DataAwsElbServiceAccount(this, 'elb-account', {});
    const logPrefix = 'alb';
    this.accessLogsBucket = new SecureBucket(this, 'access-logs', {
      bucketName: props.accessLogsBucketName,
      // Versioned (CKV_AWS_21) so a deleted or overwritten log is recoverable; old versions expire too.
      expireObjectsAfterDays: accessLogsRetention,
      noncurrentVersionExpiryDays: accessLogsRetention,
      forceDestroy: props.accessLogsForceDestroy ?? false,
    });
    const logObjects = `${this.accessLogsBucket.bucketArn}/${logPrefix}/AWSLogs/${props.accountId}/*`;
    this.accessLogsBucket.addPolicyStatements([
      { Sid: 'ElbAccountWritesLogs', Effect: 'Allow', Principal: { AWS: elbAccount.arn }, Action: 's3:PutObject', Resource: logObjects },
      {
        Sid: 'ElbServiceWritesLogs',
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: logObjects,
      },
    ]);

    const lbSg = new SecurityGroup(this, 'lb-sg', {
      name: `${props.namePrefix}-alb`,
      description: `${props.namePrefix} load balancer: HTTP(S) from the internet`,
      vpcId: props.network.vpcId,
    });
    const serviceSg = new SecurityGroup(this, 'service-sg', {
      name: `${props.namePrefix}-service`,
      description: `${props.namePrefix} tasks: container port from the load balancer only`,
      vpcId: props.network.vpcId,
    });
    this.loadBalancerSecurityGroupId = lbSg.id;
    this.serviceSecurityGroupId = serviceSg.id;
    const publicPorts = this.httpsEnabled ? [80, 443] : [80];
    for (const port of publicPorts) {
      new VpcSecurityGroupIngressRule(this, `lb-ingress-${port}`, {
        securityGroupId: lbSg.id,
        description: port === 443 ? 'HTTPS from the internet' : 'HTTP from the internet',
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4: '0.0.0.0/0',
      });
    }
    new VpcSecurityGroupEgressRule(this, 'lb-egress-tasks', {
      securityGroupId: lbSg.id,
      description: 'To the tasks on the container port',
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
      referencedSecurityGroupId: lbSg.id,
    });
    new VpcSecurityGroupEgressRule(this, 'service-egress-https', {
      securityGroupId: serviceSg.id,
      description: 'HTTPS to AWS APIs (ECR, logs, DynamoDB, SQS, SSM)',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });

    this.loadBalancer = new Lb(this, 'alb', {
      name: `${props.namePrefix}-alb`.slice(0, 32),
      loadBalancerType: 'application',
      internal: false,
      subnets: props.network.publicSubnetIds,
      securityGroups: [lbSg.id],
      dropInvalidHeaderFields: true,
      desyncMitigationMode: 'defensive',
      idleTimeout,
      enableDeletionProtection: props.loadBalancerDeletionProtection ?? true,
      accessLogs: { bucket: this.accessLogsBucket.bucketName, prefix: logPrefix, enabled: true },
      dependsOn: [this.accessLogsBucket.policy],
    });
    this.loadBalancerArn = this.loadBalancer.arn;
    this.loadBalancerArnSuffix = this.loadBalancer.arnSuffix;
    this.loadBalancerDnsName = this.loadBalancer.dnsName;

    this.targetGroup = new LbTargetGroup(this, 'target-group', {
      name: `${props.namePrefix}-tg`.slice(0, 32),
      port: containerPort,
      protocol: 'HTTP',
      targetType: 'ip',
      vpcId: props.network.vpcId,
      deregistrationDelay: '30',
      healthCheck: {
        enabled: true,
        path: healthCheckPath,
        matcher: '200',
        protocol: 'HTTP',
        interval: 15,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    });
    this.targetGroupArnSuffix = this.targetGroup.arnSuffix;

    const listeners: LbListener[] = [];
    if (props.certificateArn) {
      listeners.push(
        new LbListener(this, 'https', {
          loadBalancerArn: this.loadBalancer.arn,
          port: 443,
          protocol: 'HTTPS',
          sslPolicy: props.sslPolicy ?? DEFAULT_SSL_POLICY,
          certificateArn: props.certificateArn,
          defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
        }),
        new LbListener(this, 'http-redirect', {
          loadBalancerArn: this.loadBalancer.arn,
          port: 80,
          protocol: 'HTTP',
          defaultAction: [{ type: 'redirect', redirect: { port: '443', protocol: 'HTTPS', statusCode: 'HTTP_301' } }],
        }),
      );
    } else {
      listeners.push(
        new LbListener(this, 'http', {
          loadBalancerArn: this.loadBalancer.arn,
          port: 80,
          protocol: 'HTTP',
          defaultAction: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
        }),
      );
    }

    const { service, scalingTarget } = addScalableFargateService(this, {
      namePrefix: props.namePrefix,
      cluster: props.cluster,
      network: props.network,
      task: this.task,
      counts: this.counts,
      securityGroupId: serviceSg.id,
      loadBalancer: { targetGroupArn: this.targetGroup.arn, containerName: this.task.containerName, containerPort },
      healthCheckGracePeriodSeconds: 30,
      dependsOn: listeners,
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
        resourceLabel: `${this.loadBalancer.arnSuffix}/${this.targetGroup.arnSuffix}`,
      },
    });
  }
}
