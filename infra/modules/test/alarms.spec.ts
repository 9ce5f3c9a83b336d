import { TerraformStack } from 'cdktf';
import {
  AlarmTopic,
  LoadBalancedFargateService,
  QueueProcessingFargateService,
  ServiceAlarms,
  ServiceAlarmsProps,
  ServiceDashboard,
} from '../src';
import { commonServiceProps, serviceFixtures } from './fixtures';
import { ACCOUNT_ID, newStack, only, REGION, resources, synth } from './support';

function services(stack: TerraformStack) {
  const f = serviceFixtures(stack);
  const common = commonServiceProps(f);
  const api = new LoadBalancedFargateService(stack, 'api', { ...common, namePrefix: 'dev-api', containerName: 'api', accessLogsBucketName: 'dev-alb-logs-x' });
  const worker = new QueueProcessingFargateService(stack, 'worker', {
    ...common,
    namePrefix: 'dev-worker',
    containerName: 'worker',
    queue: f.queue,
    healthCheck: { command: ['CMD', 'true'] },
  });
  const topic = new AlarmTopic(stack, 'topic', { topicName: 'dev-alarms', emailAddresses: ['ops@example.com'], accountId: ACCOUNT_ID, region: REGION });
  return { api, worker, topic, tables: [f.scans, f.findings], f };
}

describe('AlarmTopic', () => {
  it('is KMS-encrypted, subscribed by e-mail and publishable by CloudWatch only', () => {
    const stack = newStack();
    new AlarmTopic(stack, 'topic', { topicName: 'dev-alarms', emailAddresses: ['ops@example.com'], accountId: ACCOUNT_ID, region: REGION });
    const json = synth(stack);
    expect(only(json, 'aws_sns_topic').kms_master_key_id).toMatch(/aws_kms_key/);
    expect(only(json, 'aws_sns_topic_subscription')).toMatchObject({ protocol: 'email', endpoint: 'ops@example.com' });
    const keyPolicy = JSON.parse(only(json, 'aws_kms_key').policy);
    expect(keyPolicy.Statement[1]).toMatchObject({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] });
    expect(only(json, 'aws_kms_key').enable_key_rotation).toBe(true);
  });

  it.each([
    [[], /emailAddresses needs at least one address/],
    [['not-an-email'], /emailAddresses must be e-mail addresses/],
  ])('rejects %p', (emails, message) => {
    expect(() => new AlarmTopic(newStack(), 't', { topicName: 'x', emailAddresses: emails, accountId: ACCOUNT_ID, region: REGION })).toThrow(message);
  });
});

describe('ServiceAlarms', () => {
  function build(override: Partial<ServiceAlarmsProps> = {}) {
    const stack = newStack();
    const s = services(stack);
    new ServiceAlarms(stack, 'alarms', { namePrefix: 'dev', topic: s.topic, api: s.api, worker: s.worker, tables: s.tables, ...override });
    return synth(stack);
  }

  it('creates every alarm the runbook covers, all notifying the topic', () => {
    const alarms = resources(build(), 'aws_cloudwatch_metric_alarm');
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
      'dev-api-5xx',
      'dev-api-cpu-high',
      'dev-api-memory-high',
      'dev-api-p99-latency',
      'dev-api-tasks-below-desired',
      'dev-api-unhealthy-hosts',
      'dev-dynamodb-findings-errors',
      'dev-dynamodb-findings-throttles',
      'dev-dynamodb-scans-errors',
      'dev-dynamodb-scans-throttles',
      'dev-worker-cpu-high',
      'dev-worker-dlq-not-empty',
      'dev-worker-memory-high',
      'dev-worker-queue-oldest-message',
      'dev-worker-scan-failures',
      'dev-worker-tasks-below-desired',
    ]);
    for (const alarm of alarms) {
      expect(alarm.alarm_actions).toEqual([expect.stringMatching(/aws_sns_topic/)]);
      expect(alarm.alarm_description).toMatch(/Runbook: docs\/operations.md#alarm-/);
    }
  });

  it('uses default thresholds: p99 1.5 s, DLQ > 0, worker failures from EMF', () => {
    const alarms = resources(build(), 'aws_cloudwatch_metric_alarm');
    const byName = (n: string) => alarms.find((a) => a.alarm_name === n);
    expect(byName('dev-api-p99-latency')).toMatchObject({ extended_statistic: 'p99', threshold: 1.5 });
    expect(byName('dev-worker-dlq-not-empty')).toMatchObject({ threshold: 0, metric_name: 'ApproximateNumberOfMessagesVisible' });
    expect(byName('dev-worker-dlq-not-empty').dimensions.QueueName).toMatch(/dead-letter/);
    expect(byName('dev-worker-scan-failures')).toMatchObject({ namespace: 'DocScan/Worker', metric_name: 'ScansFailed', threshold: 5 });
    expect(byName('dev-worker-scan-failures').dimensions).toEqual({ Service: 'worker' });
    expect(byName('dev-worker-queue-oldest-message').threshold).toBe(900);
  });

  it.each<[Partial<ServiceAlarmsProps>, RegExp]>([
    [{ tables: [] }, /tables must list at least one table/],
    [{ p99LatencyThresholdMs: 0 }, /p99LatencyThresholdMs must be an integer from 10 to 60000/],
    [{ cpuThresholdPercent: 120 }, /cpuThresholdPercent must be an integer from 1 to 100/],
    [{ namePrefix: 'a b' }, /namePrefix must be letters/],
  ])('rejects %p', (override, message) => {
    expect(() => build(override)).toThrow(message);
  });
});

describe('ServiceDashboard', () => {
  it('charts the services, queue and tables', () => {
    const stack = newStack();
    const s = services(stack);
    new ServiceDashboard(stack, 'dash', { dashboardName: 'dev-service', region: REGION, api: s.api, worker: s.worker, tables: s.tables });
    const body = JSON.parse(only(synth(stack), 'aws_cloudwatch_dashboard').dashboard_body);
    expect(body.widgets.map((w: { properties: { title: string } }) => w.properties.title)).toEqual([
      'API requests and 5xx',
      'API latency p50 / p99 (s)',
      'CPU and memory (%)',
      'Scan queue',
      'Worker scan failures',
      'DynamoDB throttles',
    ]);
  });
});
