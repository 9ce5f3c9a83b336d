import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
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
import { availabilityZones, loadEnvironment, stackSettings } from '@platform/infra-config';
import { SCAN_QUEUE, SCANS_TABLE } from '@platform/shared';
import { MonitoringStack } from '../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function synthMonitoring(): Json {
  const config = loadEnvironment('prod', {});
  const outdir = mkdtempSync(join(tmpdir(), 'stack-monitoring-'));
  try {
    const app = new App({ outdir });
    const upstream = new PlatformStack(app, stackSettings(config, 'upstream'));
    const base = { accountId: config.accountId, region: config.region };
    const key = new EncryptionKey(upstream, 'key', { ...base, description: 'k', aliasName: 'k' });
    const network = new Network(upstream, 'net', { ...base, namePrefix: 'prod', cidrBlock: config.vpcCidr, availabilityZones: availabilityZones(config) });
    const cluster = new FargateCluster(upstream, 'cluster', { clusterName: 'prod-cluster' });
    const repository = new ContainerRepository(upstream, 'repo', { repositoryName: 'prod/api' });
    const table = new Table(upstream, 'scans', { definition: SCANS_TABLE, tablePrefix: 'prod', encryptionKey: key });
    const queue = new Queue(upstream, 'queue', { definition: SCAN_QUEUE, queuePrefix: 'prod', encryptionKey: key });
    const common = { ...base, cluster, network, repository, imageTag: 'abc', logsKey: key, cpu: 256, memoryLimitMiB: 512, desiredCount: 1, minCount: 1, maxCount: 2 };
    const api = new LoadBalancedFargateService(upstream, 'api', { ...common, namePrefix: 'prod-api', containerName: 'api', accessLogsBucketName: 'prod-alb-logs-x' });
    const worker = new QueueProcessingFargateService(upstream, 'worker', {
      ...common,
      namePrefix: 'prod-worker',
      containerName: 'worker',
      queue,
      healthCheck: { command: ['CMD', 'true'] },
    });
    new MonitoringStack(app, { config, api, worker, tables: [table] });
    app.synth();
    return JSON.parse(readFileSync(join(outdir, 'stacks', 'prod-monitoring', 'cdk.tf.json'), 'utf8'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('MonitoringStack', () => {
  const json = synthMonitoring();

  it('has an encrypted alarm topic subscribed by the configured e-mail', () => {
    const topic = Object.values(json.resource.aws_sns_topic)[0] as Json;
    expect(topic.kms_master_key_id).toMatch(/aws_kms_key/);
    expect((Object.values(json.resource.aws_sns_topic_subscription)[0] as Json).endpoint).toBe('platform-alerts@example.com');
  });

  it('alarms on every signal of the issue, with dimensions read from the service and data stacks', () => {
    const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm) as Json[];
    const names = alarms.map((a) => a.alarm_name);
    for (const expected of ['prod-api-5xx', 'prod-api-p99-latency', 'prod-api-unhealthy-hosts', 'prod-worker-dlq-not-empty', 'prod-worker-queue-oldest-message', 'prod-dynamodb-scans-throttles', 'prod-dynamodb-scans-errors', 'prod-worker-scan-failures', 'prod-worker-tasks-below-desired', 'prod-api-cpu-high', 'prod-worker-memory-high', 'prod-api-tasks-below-desired', 'prod-worker-cpu-high', 'prod-api-memory-high']) {
      expect(names).toContain(expected);
    }
    const failures = alarms.find((a) => a.alarm_name === 'prod-worker-scan-failures');
    expect(failures).toMatchObject({ namespace: 'DocScan/Worker', metric_name: 'ScansFailed', dimensions: { Service: 'worker' } });
    const p99 = alarms.find((a) => a.alarm_name === 'prod-api-p99-latency');
    expect(p99.dimensions.LoadBalancer).toMatch(/terraform_remote_state.*outputs/);
  });

  it('has a dashboard and keeps state at prod/monitoring.tfstate', () => {
    expect(Object.keys(json.resource.aws_cloudwatch_dashboard)).toHaveLength(1);
    expect(json.terraform.backend.s3.key).toBe('prod/monitoring.tfstate');
  });
});
