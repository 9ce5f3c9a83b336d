import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { ServiceDiscoveryHttpNamespace } from '@cdktf/provider-aws/lib/service-discovery-http-namespace';
import { AlarmTopic, EncryptionKey, FargateCluster, Network, PlatformStack, Queue, QueueReference, SharedLoadBalancer, WebAcl } from '@platform/infra-modules';
import { EnvironmentConfig, PreviewEnvironment, stackSettings } from '@platform/infra-config';
import { primaryQueueDefinitions } from '@platform/shared';

export interface EdgeStackProps {
  readonly config: EnvironmentConfig;
  /** From the network stack. */
  readonly network: Network;
  /** Build the shared ALB (some service of the catalog is a web service). @default true */
  readonly loadBalancer?: boolean;
  /**
   * A pull request's copy (`pr-123-edge`): its own cluster, ALB (HTTP only, no deletion
   * protection), namespace and alarm topic, and its own copies of every queue, so preview workers
   * never take the environment's messages. @default - none
   */
  readonly preview?: PreviewEnvironment;
}

/**
 * What every service of an environment runs on and shares: the ECS cluster, the one
 * internet-facing ALB and its listeners (each web service adds a rule), the Service Connect
 * namespace backends are reached through, the alarm topic every alarm notifies, and the key of
 * the service log groups. A service stack changes none of it.
 */
export class EdgeStack extends PlatformStack {
  readonly cluster: FargateCluster;
  readonly loadBalancer?: SharedLoadBalancer;
  readonly namespace: ServiceDiscoveryHttpNamespace;
  readonly namespaceArn: string;
  readonly alarmTopic: AlarmTopic;
  readonly logsKey: EncryptionKey;
  /** Where the environment's web services are served: https://<domain> or the ALB's name. */
  readonly baseUrl?: string;
  /** A preview's own queues by definition name; empty outside previews. */
  readonly previewQueues: Readonly<Record<string, QueueReference>>;
  readonly previewQueueList: readonly Queue[];

  constructor(scope: Construct, props: EdgeStackProps) {
    super(scope, stackSettings(props.config, 'edge', props.preview));
    const { config, preview } = props;
    // Every name in this stack starts with it: `dev`, or `pr-123` for a preview.
    const name = preview?.name ?? config.name;
    const domain = preview ? undefined : config.domain;
    this.logsKey = new EncryptionKey(this, 'logs-key', {
      description: `${name} service logs`,
      aliasName: `${name}-service-logs`,
      accountId: config.accountId,
      region: config.region,
      servicePrincipals: ['logs'],
    });
    this.cluster = new FargateCluster(this, 'cluster', { clusterName: `${name}-cluster` });
    this.namespace = new ServiceDiscoveryHttpNamespace(this, 'namespace', {
      name: `${name}.internal`,
      description: `${name}: Service Connect names of the backend services`,
    });
    this.namespaceArn = this.namespace.arn;
    this.alarmTopic = new AlarmTopic(this, 'alarm-topic', {
      topicName: `${name}-alarms`,
      emailAddresses: [config.alarmEmail],
      accountId: config.accountId,
      region: config.region,
    });

    if (props.loadBalancer ?? true) {
      this.loadBalancer = new SharedLoadBalancer(this, 'alb', {
        namePrefix: name,
        network: props.network,
        accountId: config.accountId,
        certificateArn: domain?.certificateArn,
        accessLogsBucketName: `${config.project}-alb-logs-${name}-${config.accountId}`,
        accessLogsForceDestroy: preview !== undefined,
        deletionProtection: preview ? false : config.deletionProtection,
      });
      // Every internet-facing ALB sits behind WAF: managed common and known-bad-inputs rules, a per-IP rate limit, the body-size rule.
      new WebAcl(this, 'waf', {
        name,
        loadBalancer: this.loadBalancer,
        logsKey: this.logsKey,
        logRetentionDays: config.logRetentionDays,
      });
      this.baseUrl = `${this.loadBalancer.httpsEnabled ? 'https' : 'http'}://${domain?.name ?? this.loadBalancer.loadBalancerDnsName}`;
      new TerraformOutput(this, 'base-url', { value: this.baseUrl, description: 'Where the web services are served' });
    }

    const queueKey = preview
      ? new EncryptionKey(this, 'preview-queue-key', {
          description: `${name} queues`,
          aliasName: `${name}-queues`,
          accountId: config.accountId,
          region: config.region,
        })
      : undefined;
    this.previewQueueList = queueKey
      ? primaryQueueDefinitions().map((definition) => new Queue(this, `queue-${definition.name}`, { definition, queuePrefix: name, encryptionKey: queueKey }))
      : [];
    this.previewQueues = Object.fromEntries(this.previewQueueList.flatMap((q) => q.references()).map((ref) => [ref.definition.name, ref]));
  }
}
