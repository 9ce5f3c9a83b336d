import { AlarmTopic, EnvironmentAlarms, EnvironmentAlarmsProps, MetricDashboard, ServiceAlarms, ServiceAlarmsProps } from '../src';
import { serviceFixtures } from './fixtures';
import { ACCOUNT_ID, newStack, only, REGION, resources, synth } from './support';

const TOPIC = { topicArn: 'arn:aws:sns:eu-west-1:000000000000:dev-alarms' };
const ECS = { clusterName: 'dev-cluster', serviceName: 'dev-api' };
const LB = { loadBalancerArnSuffix: 'app/dev-alb/1', targetGroupArnSuffix: 'targetgroup/dev-api-tg/2' };
const FAILURES = { metric: { namespace: 'DocScan/Worker', metricName: 'ScansFailed', dimensions: { Service: 'worker' } }, threshold: 5, description: 'Scans failed.' };

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
  function build(props: Partial<ServiceAlarmsProps>) {
    const stack = newStack();
    new ServiceAlarms(stack, 'alarms', { namePrefix: 'dev-api', topic: TOPIC, ...props });
    return resources(synth(stack), 'aws_cloudwatch_metric_alarm');
  }

  it('alarms a web service on its target group and its ECS service, all notifying the topic', () => {
    const alarms = build({ ecsService: ECS, loadBalancer: LB });
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
      'dev-api-5xx',
      'dev-api-cpu-high',
      'dev-api-memory-high',
      'dev-api-p99-latency',
      'dev-api-tasks-below-desired',
      'dev-api-unhealthy-hosts',
    ]);
    for (const alarm of alarms) {
      expect(alarm.alarm_actions).toEqual([TOPIC.topicArn]);
      expect(alarm.ok_actions).toEqual([TOPIC.topicArn]);
      expect(alarm.alarm_description).toMatch(/Runbook: docs\/operations\.md#alarm-/);
    }
    const latency = alarms.find((a) => a.alarm_name === 'dev-api-p99-latency');
    expect(latency).toMatchObject({ extended_statistic: 'p99', threshold: 1.5, dimensions: { LoadBalancer: LB.loadBalancerArnSuffix, TargetGroup: LB.targetGroupArnSuffix } });
  });

  it("alarms a worker on its ECS service and its own failure counter", () => {
    const alarms = build({ namePrefix: 'dev-worker', ecsService: { ...ECS, serviceName: 'dev-worker' }, failures: FAILURES });
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(['dev-worker-cpu-high', 'dev-worker-failures', 'dev-worker-memory-high', 'dev-worker-tasks-below-desired']);
    const failures = alarms.find((a) => a.alarm_name === 'dev-worker-failures');
    expect(failures).toMatchObject({ namespace: 'DocScan/Worker', metric_name: 'ScansFailed', dimensions: { Service: 'worker' }, threshold: 5, statistic: 'Sum' });
    const missing = alarms.find((a) => a.alarm_name === 'dev-worker-tasks-below-desired');
    expect(missing.treat_missing_data).toBe('breaching');
  });

  it("alarms a scheduled job on its failed-runs queue", () => {
    const alarms = build({ namePrefix: 'dev-purge', failedRunsQueueName: 'dev-purge-failed-runs' });
    expect(alarms).toEqual([
      expect.objectContaining({ alarm_name: 'dev-purge-failed-runs', namespace: 'AWS/SQS', dimensions: { QueueName: 'dev-purge-failed-runs' }, threshold: 0 }),
    ]);
  });

  it.each<[Partial<ServiceAlarmsProps>, RegExp]>([
    [{}, /a service without alarms pages nobody/],
    [{ loadBalancer: LB }, /loadBalancer needs ecsService/],
    [{ ecsService: ECS, cpuThresholdPercent: 0 }, /cpuThresholdPercent must be an integer from 1 to 100/],
    [{ ecsService: ECS, namePrefix: 'dev api' }, /namePrefix must be letters/],
  ])('rejects %p', (props, message) => {
    expect(() => build(props)).toThrow(message);
  });
});

describe('EnvironmentAlarms', () => {
  function build(override: Partial<EnvironmentAlarmsProps> = {}) {
    const stack = newStack();
    const f = serviceFixtures(stack);
    new EnvironmentAlarms(stack, 'alarms', {
      namePrefix: 'dev',
      topic: TOPIC,
      loadBalancerArnSuffix: LB.loadBalancerArnSuffix,
      queues: [f.queue],
      tables: [
        { table: f.scans, operations: ['GetItem', 'Query', 'UpdateItem'] },
        { table: f.findings, operations: [] },
      ],
      ...override,
    });
    return resources(synth(stack), 'aws_cloudwatch_metric_alarm');
  }

  it('alarms on the shared ALB, each queue and its dead-letter queue, and each table', () => {
    expect(build().map((a) => a.alarm_name).sort()).toEqual([
      'dev-alb-5xx',
      'dev-dynamodb-findings-throttles',
      'dev-dynamodb-scans-errors',
      'dev-dynamodb-scans-throttles',
      'dev-scan-requests-dlq-not-empty',
      'dev-scan-requests-oldest-message',
    ]);
  });

  it('watches SystemErrors per table and operation, summed by metric math (the metric has no per-table total)', () => {
    const errors = build().find((a) => a.alarm_name === 'dev-dynamodb-scans-errors');
    const metrics = errors.metric_query.filter((q: { metric?: unknown }) => q.metric);
    expect(metrics.map((q: { metric: { dimensions: Record<string, string> } }) => q.metric.dimensions.Operation)).toEqual(['GetItem', 'Query', 'UpdateItem']);
    for (const q of metrics) expect(Object.keys(q.metric.dimensions).sort()).toEqual(['Operation', 'TableName']);
    expect(errors.metric_query.at(-1)).toMatchObject({ expression: 'FILL(op_getitem, 0) + FILL(op_query, 0) + FILL(op_updateitem, 0)', return_data: true });
  });

  it('rejects an out-of-range threshold', () => {
    expect(() => build({ oldestMessageAgeThresholdSeconds: 10 })).toThrow(/oldestMessageAgeThresholdSeconds must be an integer from 60/);
  });
});

describe('MetricDashboard', () => {
  it('lays widgets out two per row in the region', () => {
    const stack = newStack();
    const widgets = [1, 2, 3].map((i) => ({ title: `w${i}`, metrics: [['AWS/ECS', 'CPUUtilization', 'ClusterName', 'c', 'ServiceName', `s${i}`]] }));
    new MetricDashboard(stack, 'dash', { dashboardName: 'dev-api', region: REGION, widgets });
    const body = JSON.parse(only(synth(stack), 'aws_cloudwatch_dashboard').dashboard_body);
    expect(body.widgets.map((w: { x: number; y: number }) => [w.x, w.y])).toEqual([[0, 0], [12, 0], [0, 6]]);
    expect(body.widgets[0].properties).toMatchObject({ title: 'w1', region: REGION, stat: 'Average' });
  });
});
