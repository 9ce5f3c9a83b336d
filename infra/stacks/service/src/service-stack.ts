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
import { EnvironmentConfig, PreviewEnvironment, ServiceSizing, ssmParameterArn, stackSettings } from '@platform/infra-config';
import { SCAN_QUEUE, TableName } from '@platform/shared';

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
  /**
   * Build a pull request's preview copy instead of the environment's own service stack: names,
   * stack id and state key from the preview, one task per service, HTTP only, no deletion
   * protection, and a scan queue of its own (so preview workers never take the environment's
   * messages). Network, images and tables stay the environment's. @default - none
   */
  readonly preview?: PreviewEnvironment;
}

/** A preview runs one task of each service: enough to try a pull request, cheap to leave running. */
const PREVIEW_COUNTS = { desiredCount: 1, minCount: 1, maxCount: 1 } as const;
const sized = (sizing: ServiceSizing, preview: PreviewEnvironment | undefined): ServiceSizing =>
  preview ? { ...sizing, ...PREVIEW_COUNTS } : sizing;

const API_PORT = 3000;
/** The worker touches this file after every poll; the container health check reads its age. */
export const WORKER_HEARTBEAT_FILE = '/tmp/worker-heartbeat';

/**
 * The worker marks a scan failed on the receive after which SQS dead-letters its message: told
 * the redrive count of the queue it actually consumes, so the two cannot drift apart.
 */
function workerRetryBudget(queue: Queue): { MAX_RECEIVE_COUNT?: string } {
  const count = queue.definition.deadLetter?.maxReceiveCount;
  return count === undefined ? {} : { MAX_RECEIVE_COUNT: String(count) };
}

/**
 * The running service of one environment: ECS cluster with Container Insights, the API behind
 * an ALB, the queue worker, each with a task role limited to its tables and queue.
 */
export class ServiceStack extends PlatformStack {
  readonly cluster: FargateCluster;
  readonly api: LoadBalancedFargateService;
  readonly worker: QueueProcessingFargateService;
  readonly logsKey: EncryptionKey;
  /** The queue the API sends to and the worker consumes: the data stack's, or a preview's own. */
  readonly scanQueue: Queue;

  constructor(scope: Construct, props: ServiceStackProps) {
    super(scope, stackSettings(props.config, 'service', props.preview));
    const { config, tables, preview } = props;
    // Every name in this stack starts with it: `dev-api`, or `pr-123-api` for a preview.
    const name = preview?.name ?? config.name;
    this.logsKey = new EncryptionKey(this, 'logs-key', {
      description: `${name} service logs`,
      aliasName: `${name}-service-logs`,
      accountId: config.accountId,
      region: config.region,
      servicePrincipals: ['logs'],
    });
    this.cluster = new FargateCluster(this, 'cluster', { clusterName: `${name}-cluster` });
    this.scanQueue = preview
      ? new Queue(this, 'preview-scan-queue', {
          definition: SCAN_QUEUE,
          queuePrefix: name,
          encryptionKey: new EncryptionKey(this, 'preview-queue-key', {
            description: `${name} scan queue`,
            aliasName: `${name}-queue`,
            accountId: config.accountId,
            region: config.region,
          }),
        })
      : props.scanQueue;
    const scanQueue = this.scanQueue;
    const domain = preview ? undefined : config.domain;

    const sharedEnvironment = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      AWS_REGION: config.region,
      DEPLOY_ENV: name,
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
      ...sized(config.api, preview),
      namePrefix: `${name}-api`,
      containerName: 'api',
      repository: props.repositories.api,
      imageTag: config.imageTags.api,
      containerPort: API_PORT,
      healthCheckPath: '/healthz',
      environment: { ...sharedEnvironment, PORT: String(API_PORT), HOST: '0.0.0.0' },
      secrets: config.apiSecrets.map((s) => ({ name: s.envName, valueFromArn: ssmParameterArn(config, s.parameterName) })),
      certificateArn: domain?.certificateArn,
      accessLogsBucketName: `${config.project}-alb-logs-${name}-${config.accountId}`,
      accessLogsForceDestroy: preview !== undefined,
      loadBalancerDeletionProtection: preview ? false : config.deletionProtection,
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
      ...sized(config.worker, preview),
      namePrefix: `${name}-worker`,
      containerName: 'worker',
      repository: props.repositories.worker,
      imageTag: config.imageTags.worker,
      queue: scanQueue,
      // The sweeper re-enqueues scans stuck in `queued`.
      queueAccess: 'send-consume',
      environment: { ...sharedEnvironment, HEARTBEAT_FILE: WORKER_HEARTBEAT_FILE, ...workerRetryBudget(scanQueue) },
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
      value: `${this.api.httpsEnabled ? 'https' : 'http'}://${domain?.name ?? this.api.loadBalancerDnsName}`,
      description: 'Where the smoke test calls /healthz',
    });
  }
}
