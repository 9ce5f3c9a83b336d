import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import {
  ContainerRepository,
  EncryptionKey,
  FargateCluster,
  LoadBalancedFargateService,
  Network,
  PlatformStack,
  Queue,
  QueueProcessingFargateService,
  Table,
} from '@platform/infra-modules';
import { EnvironmentConfig, ssmParameterArn, stackSettings } from '@platform/infra-config';
import type { TableName } from '@platform/shared';

export interface ServiceStackProps {
  readonly config: EnvironmentConfig;
  /** From the network stack. */
  readonly network: Network;
  /** From the registry stack. */
  readonly repositories: { readonly api: ContainerRepository; readonly worker: ContainerRepository };
  /** From the data stack. */
  readonly tables: Readonly<Record<TableName, Table>>;
  readonly scanQueue: Queue;
  /** Prefix of table and queue names (the data stack's resourcePrefix). */
  readonly resourcePrefix: string;
}

const API_PORT = 3000;
/** The worker touches this file after every poll; the container health check reads its age. */
export const WORKER_HEARTBEAT_FILE = '/tmp/worker-heartbeat';

/**
 * The running service of one environment: ECS cluster with Container Insights, the API behind
 * an ALB, the queue worker, each with a task role limited to its tables and queue.
 */
export class ServiceStack extends PlatformStack {
  readonly cluster: FargateCluster;
  readonly api: LoadBalancedFargateService;
  readonly worker: QueueProcessingFargateService;
  readonly logsKey: EncryptionKey;

  constructor(scope: Construct, props: ServiceStackProps) {
    super(scope, stackSettings(props.config, 'service'));
    const { config, tables, scanQueue } = props;
    this.logsKey = new EncryptionKey(this, 'logs-key', {
      description: `${config.name} service logs`,
      aliasName: `${config.name}-service-logs`,
      accountId: config.accountId,
      region: config.region,
      servicePrincipals: ['logs'],
    });
    this.cluster = new FargateCluster(this, 'cluster', { clusterName: `${config.name}-cluster` });

    const sharedEnvironment = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      AWS_REGION: config.region,
      DEPLOY_ENV: config.name,
      TABLE_PREFIX: props.resourcePrefix,
      SCAN_QUEUE_URL: scanQueue.queueUrl,
    };
    const common = {
      cluster: this.cluster,
      network: props.network,
      accountId: config.accountId,
      region: config.region,
      logsKey: this.logsKey,
      logRetentionDays: config.logRetentionDays,
    };

    this.api = new LoadBalancedFargateService(this, 'api', {
      ...common,
      ...config.api,
      namePrefix: `${config.name}-api`,
      containerName: 'api',
      repository: props.repositories.api,
      imageTag: config.imageTags.api,
      containerPort: API_PORT,
      healthCheckPath: '/healthz',
      environment: { ...sharedEnvironment, PORT: String(API_PORT), HOST: '0.0.0.0' },
      secrets: config.apiSecrets.map((s) => ({ name: s.envName, valueFromArn: ssmParameterArn(config, s.parameterName) })),
      certificateArn: config.domain?.certificateArn,
      accessLogsBucketName: `${config.project}-alb-logs-${config.name}-${config.accountId}`,
      loadBalancerDeletionProtection: config.deletionProtection,
      grants: {
        tables: [
          { table: tables.scans, access: 'read-write' },
          { table: tables.documents, access: 'read-write' },
          { table: tables.findings, access: 'read' },
          { table: tables.idempotency, access: 'read-write' },
          { table: tables['api-keys'], access: 'read' },
        ],
        queues: [{ queue: scanQueue, access: 'send' }],
      },
    });

    this.worker = new QueueProcessingFargateService(this, 'worker', {
      ...common,
      ...config.worker,
      namePrefix: `${config.name}-worker`,
      containerName: 'worker',
      repository: props.repositories.worker,
      imageTag: config.imageTags.worker,
      queue: scanQueue,
      // The sweeper re-enqueues scans stuck in `queued`.
      queueAccess: 'send-consume',
      environment: { ...sharedEnvironment, HEARTBEAT_FILE: WORKER_HEARTBEAT_FILE },
      // Long enough to finish or release an in-flight scan after SIGTERM.
      stopTimeoutSeconds: 120,
      healthCheck: {
        command: [
          'CMD',
          'node',
          '-e',
          `const s=require('fs').statSync('${WORKER_HEARTBEAT_FILE}',{throwIfNoEntry:false});process.exit(s&&Date.now()-s.mtimeMs<120000?0:1)`,
        ],
        startPeriodSeconds: 60,
      },
      grants: {
        tables: [
          { table: tables.scans, access: 'read-write', indexes: ['byStatus'] },
          { table: tables.documents, access: 'read' },
          { table: tables.findings, access: 'read-write' },
        ],
      },
    });

    new TerraformOutput(this, 'api-url', {
      value: `${this.api.httpsEnabled ? 'https' : 'http'}://${config.domain?.name ?? this.api.loadBalancerDnsName}`,
      description: 'Where the smoke test calls /healthz',
    });
  }
}
