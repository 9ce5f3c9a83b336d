import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import {
  ContainerRepository,
  ContainerSecret,
  EncryptionKey,
  FargateCluster,
  LoadBalancedFargateService,
  MetricDashboard,
  Network,
  PlatformStack,
  QueueProcessingFargateService,
  QueueReference,
  ScheduledFargateTask,
  ServiceAlarms,
  ServiceConnectFargateService,
  SharedLoadBalancer,
  Table,
  TaskGrants,
} from '@platform/infra-modules';
import { ConfigError, EnvironmentConfig, PreviewEnvironment, ssmParameterArn, stackSettings } from '@platform/infra-config';
import { containerEnvironment, ResolvedService } from '@platform/service-catalog';
import { serviceWidgets } from './service-widgets';

/** What a service runs on, from the environment's edge stack. */
export interface ServiceEdge {
  readonly cluster: FargateCluster;
  readonly loadBalancer?: SharedLoadBalancer;
  readonly namespaceArn: string;
  readonly alarmTopic: { readonly topicArn: string };
  readonly logsKey: EncryptionKey;
  /** Where web services are served (`https://<domain>` or the ALB's DNS name). */
  readonly baseUrl?: string;
}

export interface ServiceStackProps {
  readonly config: EnvironmentConfig;
  /** The catalog entry (apps/<name>/service.json) resolved for this environment. */
  readonly service: ResolvedService;
  /** From the network stack. */
  readonly network: Network;
  readonly edge: ServiceEdge;
  /** From the registry stack. */
  readonly repository: ContainerRepository;
  /** Content-addressed tag of the service's image (`<NAME>_IMAGE_TAG`). */
  readonly imageTag: string;
  /** From the data stack, by definition name. */
  readonly tables: Readonly<Record<string, Table>>;
  /** The data stack's queues (or a preview's own), dead-letter queues included, by definition name. */
  readonly queues: Readonly<Record<string, QueueReference>>;
  /** Prefix of table and queue names (the data stack's resourcePrefix). */
  readonly resourcePrefix: string;
  /** A pull request's copy: names and state from the preview, one task, no protection. @default - none */
  readonly preview?: PreviewEnvironment;
}

/** A preview runs one task of each service: enough to try a pull request, cheap to leave running. */
const PREVIEW_COUNT = { desired: 1, min: 1, max: 1 } as const;
/** A worker gets time to start polling before its heartbeat counts. */
const WORKER_START_PERIOD_SECONDS = 60;

/**
 * One service of one environment, `<env>-svc-<name>`, built from its manifest by kind: its task
 * definition, roles with exactly the table and queue access the manifest declares, log group,
 * the ECS service (behind the shared ALB by its listener rule, behind Service Connect, or
 * consuming its queue) or the schedule that runs it, scaling, alarms and dashboard. A change
 * to one service plans and applies this stack alone.
 */
export class ServiceStack extends PlatformStack {
  readonly service: ResolvedService;
  readonly alarms: ServiceAlarms;
  readonly dashboard: MetricDashboard;
  readonly web?: LoadBalancedFargateService;
  readonly backend?: ServiceConnectFargateService;
  readonly worker?: QueueProcessingFargateService;
  readonly scheduled?: ScheduledFargateTask;

  constructor(scope: Construct, props: ServiceStackProps) {
    super(scope, stackSettings(props.config, `svc-${props.service.name}`, props.preview));
    const { config, service, edge, preview } = props;
    this.service = service;
    const envName = preview?.name ?? config.name;
    const namePrefix = `${envName}-${service.name}`;
    const fail: (message: string) => never = (message) => {
      throw new ConfigError(`apps/${service.name}/service.json (${envName}): ${message}`);
    };
    const queue = (name: string): QueueReference => props.queues[name] ?? fail(`uses.queues.${name}: the environment has no such queue`);
    const count = service.count && (preview ? PREVIEW_COUNT : service.count);

    const environment = containerEnvironment(service, {
      deployEnvironment: envName,
      region: config.region,
      tablePrefix: props.resourcePrefix,
      queueUrl: (name) => queue(name).queueUrl,
    });
    const secrets: ContainerSecret[] = service.secrets.map((secret) => ({
      name: secret.name,
      valueFromArn:
        secret.source.type === 'ssm'
          ? ssmParameterArn(config, secret.source.parameterName)
          : `arn:aws:secretsmanager:${config.region}:${config.accountId}:secret:${secret.source.secretName}`,
    }));
    const consumed = service.queues.find((q) => q.access === 'consume' || q.access === 'send-consume');
    const grants: TaskGrants = {
      tables: service.tables.map((use) => ({
        table: props.tables[use.table] ?? fail(`uses.tables.${use.table}: the environment has no such table`),
        access: use.access,
        indexes: use.indexes,
        scan: use.scan,
      })),
      // A worker's own queue is granted by the worker construct itself.
      queues: service.queues.filter((use) => use !== consumed).map((use) => ({ queue: queue(use.queue), access: use.access })),
    };
    const task = {
      namePrefix,
      containerName: service.name,
      repository: props.repository,
      imageTag: props.imageTag,
      cpu: service.cpu,
      memoryLimitMiB: service.memoryMiB,
      environment,
      secrets,
      grants,
      command: service.command,
      stopTimeoutSeconds: service.stopTimeoutSeconds,
      cluster: edge.cluster,
      network: props.network,
      accountId: config.accountId,
      region: config.region,
      logsKey: edge.logsKey,
      logRetentionDays: config.logRetentionDays,
    };
    const counts = count && { desiredCount: count.desired, minCount: count.min, maxCount: count.max };
    let ecsService: { clusterName: string; serviceName: string } | undefined;

    switch (service.kind) {
      case 'web': {
        const { http, health, port } = service;
        if (!http || !health || port === undefined || !counts) fail('a web service needs port, http, health and count');
        const loadBalancer = edge.loadBalancer ?? fail(`the ${envName} edge stack has no load balancer`);
        this.web = new LoadBalancedFargateService(this, 'app', {
          ...task,
          ...counts,
          loadBalancer,
          routing: http,
          containerPort: port,
          healthCheckPath: health.path,
          healthCheckMatcher: health.matcher,
          serviceConnectNamespaceArn: edge.namespaceArn,
          targetCpuUtilizationPercent: service.scaling.cpuPercent,
          targetRequestsPerTarget: service.scaling.requestsPerTarget,
        });
        ecsService = this.web;
        if (edge.baseUrl) {
          new TerraformOutput(this, 'health-url', { value: `${edge.baseUrl}${health.path}`, description: 'What the smoke test calls after a deploy' });
        }
        break;
      }
      case 'backend': {
        const { health, port } = service;
        if (!health || port === undefined || !counts) fail('a backend service needs port, health and count');
        this.backend = new ServiceConnectFargateService(this, 'app', {
          ...task,
          ...counts,
          namespaceArn: edge.namespaceArn,
          discoveryName: service.name,
          containerPort: port,
          healthCheckPath: health.path,
          targetCpuUtilizationPercent: service.scaling.cpuPercent,
        });
        ecsService = this.backend;
        new TerraformOutput(this, 'endpoint', { value: this.backend.endpoint, description: 'How other services of the environment call it' });
        break;
      }
      case 'worker': {
        const { heartbeat } = service;
        if (!consumed || !heartbeat || !counts) fail('a worker needs one consumed queue, a heartbeat and count');
        this.worker = new QueueProcessingFargateService(this, 'app', {
          ...task,
          ...counts,
          queue: queue(consumed.queue),
          queueAccess: consumed.access === 'send-consume' ? 'send-consume' : 'consume',
          targetBacklogPerTask: service.scaling.backlogPerTask,
          serviceConnectNamespaceArn: edge.namespaceArn,
          healthCheck: {
            command: [
              'CMD',
              'node',
              '-e',
              `const s=require('fs').statSync('${heartbeat.file}',{throwIfNoEntry:false});process.exit(s&&Date.now()-s.mtimeMs<${heartbeat.maxAgeSeconds * 1000}?0:1)`,
            ],
            startPeriodSeconds: WORKER_START_PERIOD_SECONDS,
          },
        });
        ecsService = this.worker;
        break;
      }
      case 'scheduled': {
        const { schedule, retry } = service;
        if (!schedule || !retry) fail('a scheduled job needs schedule');
        const queueKey = new EncryptionKey(this, 'failed-runs-key', {
          description: `${namePrefix} failed runs`,
          aliasName: `${namePrefix}-failed-runs`,
          accountId: config.accountId,
          region: config.region,
          servicePrincipals: ['events'],
        });
        this.scheduled = new ScheduledFargateTask(this, 'app', {
          ...task,
          schedule,
          maximumRetryAttempts: retry.maximumAttempts,
          maximumEventAgeSeconds: retry.maximumEventAgeSeconds,
          queueKey,
        });
        break;
      }
    }

    this.alarms = new ServiceAlarms(this, 'alarms', {
      namePrefix,
      topic: edge.alarmTopic,
      ecsService: ecsService && { clusterName: ecsService.clusterName, serviceName: ecsService.serviceName },
      loadBalancer: this.web && { loadBalancerArnSuffix: this.web.loadBalancerArnSuffix, targetGroupArnSuffix: this.web.targetGroupArnSuffix },
      failedRunsQueueName: this.scheduled?.failedRunsQueueName,
      failures: service.alarms.failures,
      p99LatencyThresholdMs: service.alarms.p99LatencyMs,
      http5xxPerMinuteThreshold: service.alarms.http5xxPerMinute,
      cpuThresholdPercent: service.alarms.cpuPercent,
      memoryThresholdPercent: service.alarms.memoryPercent,
    });
    this.dashboard = new MetricDashboard(this, 'dashboard', {
      dashboardName: namePrefix,
      region: config.region,
      widgets: serviceWidgets({
        ecsService,
        loadBalancer: this.web && { loadBalancerArnSuffix: this.web.loadBalancerArnSuffix, targetGroupArnSuffix: this.web.targetGroupArnSuffix },
        queueName: this.worker?.queue.queueName,
        failedRunsQueueName: this.scheduled?.failedRunsQueueName,
        failures: service.alarms.failures?.metric,
      }),
    });
  }
}
