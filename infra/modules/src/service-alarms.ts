import { Construct } from 'constructs';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AlarmTopic } from './alarm-topic';
import { LoadBalancedFargateService } from './load-balanced-fargate-service';
import { QueueProcessingFargateService } from './queue-processing-fargate-service';
import { Table } from './table';
import { InvalidPropsError, requireIntegerInRange, requireMatch } from './validation';

/** A custom metric the worker emits in CloudWatch Embedded Metric Format. */
export interface EmfMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/**
 * The worker's failure counter: the contract between the worker's EMF logs
 * (apps/worker/src/metrics.ts: METRICS_NAMESPACE, dimension Service=worker) and this alarm.
 * Stacks never import app code, so infra/test/worker-metrics-contract.spec.ts checks both agree.
 */
export const DEFAULT_WORKER_FAILURE_METRIC: EmfMetric = {
  namespace: 'DocScan/Worker',
  metricName: 'ScansFailed',
  dimensions: { Service: 'worker' },
};

export interface ServiceAlarmsProps {
  /** Prefix of every alarm name, e.g. `dev`. */
  readonly namePrefix: string;
  readonly topic: AlarmTopic;
  readonly api: LoadBalancedFargateService;
  readonly worker: QueueProcessingFargateService;
  readonly tables: readonly Table[];
  /** @default 1500 */
  readonly p99LatencyThresholdMs?: number;
  /** 5xx responses (ALB + targets) per minute. @default 10 */
  readonly http5xxPerMinuteThreshold?: number;
  /** @default 85 */
  readonly cpuThresholdPercent?: number;
  /** @default 85 */
  readonly memoryThresholdPercent?: number;
  /** @default 900 */
  readonly oldestMessageAgeThresholdSeconds?: number;
  /** Failed scans per 5 minutes. @default 5 */
  readonly workerFailuresThreshold?: number;
  /** @default DEFAULT_WORKER_FAILURE_METRIC */
  readonly workerFailureMetric?: EmfMetric;
}

type AlarmSpec = Omit<CloudwatchMetricAlarmConfig, 'alarmName' | 'alarmActions' | 'okActions'>;

/**
 * The alarms an on-call engineer needs, all sent to one SNS topic (alarm and recovery):
 * ALB 5xx and p99 latency, unhealthy targets, ECS CPU/memory and running < desired per service,
 * queue oldest-message age, dead-letter queue not empty, DynamoDB throttles and system errors per table, and
 * worker scan failures from its EMF metrics. `docs/operations.md` says what to do for each.
 */
export class ServiceAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[] = [];
  readonly alarmNames: string[] = [];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const name = 'ServiceAlarms';
    requireMatch(name, 'namePrefix', props.namePrefix, /^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"');
    const p99 = requireIntegerInRange(name, 'p99LatencyThresholdMs', props.p99LatencyThresholdMs ?? 1500, 10, 60000);
    const http5xx = requireIntegerInRange(name, 'http5xxPerMinuteThreshold', props.http5xxPerMinuteThreshold ?? 10, 1, 100000);
    const cpu = requireIntegerInRange(name, 'cpuThresholdPercent', props.cpuThresholdPercent ?? 85, 1, 100);
    const memory = requireIntegerInRange(name, 'memoryThresholdPercent', props.memoryThresholdPercent ?? 85, 1, 100);
    const age = requireIntegerInRange(name, 'oldestMessageAgeThresholdSeconds', props.oldestMessageAgeThresholdSeconds ?? 900, 60, 1209600);
    const failures = requireIntegerInRange(name, 'workerFailuresThreshold', props.workerFailuresThreshold ?? 5, 1, 100000);
    if (props.tables.length === 0) {
      throw new InvalidPropsError(name, 'tables must list at least one table to watch for throttles');
    }
    const deadLetter = props.worker.queue.deadLetterQueue;
    if (!deadLetter) {
      throw new InvalidPropsError(name, 'worker.queue has no dead-letter queue; define one so poison messages are kept and alarmed');
    }
    const alb = {
      LoadBalancer: props.api.loadBalancerArnSuffix,
    };
    // Each alarm names its runbook section in docs/operations.md.
    const add = (suffix: string, runbook: string, description: string, spec: AlarmSpec): void => {
      const alarmName = `${props.namePrefix}-${suffix}`;
      const alarm = new CloudwatchMetricAlarm(this, suffix, {
        alarmName,
        alarmDescription: `${description} Runbook: docs/operations.md#alarm-${runbook}`,
        alarmActions: [props.topic.topicArn],
        okActions: [props.topic.topicArn],
        treatMissingData: 'notBreaching',
        ...spec,
      });
      this.alarms.push(alarm);
      this.alarmNames.push(alarmName);
    };

    add('api-5xx', '5xx', 'API 5xx responses (load balancer + targets) above threshold.', {
      comparisonOperator: 'GreaterThanThreshold',
      threshold: http5xx,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      metricQuery: [
        { id: 'elb', metric: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_ELB_5XX_Count', stat: 'Sum', period: 60, dimensions: alb } },
        {
          id: 'target',
          metric: { namespace: 'AWS/ApplicationELB', metricName: 'HTTPCode_Target_5XX_Count', stat: 'Sum', period: 60, dimensions: alb },
        },
        { id: 'total', expression: 'FILL(elb, 0) + FILL(target, 0)', label: '5xx per minute', returnData: true },
      ],
    });
    add('api-p99-latency', 'p99-latency', `API p99 target response time above ${p99} ms.`, {
      namespace: 'AWS/ApplicationELB',
      metricName: 'TargetResponseTime',
      extendedStatistic: 'p99',
      period: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: p99 / 1000,
      dimensions: alb,
    });
    add('api-unhealthy-hosts', 'unhealthy-hosts', 'API targets failing the /healthz check.', {
      namespace: 'AWS/ApplicationELB',
      metricName: 'UnHealthyHostCount',
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      dimensions: { ...alb, TargetGroup: props.api.targetGroupArnSuffix },
    });

    for (const [label, service] of [
      ['api', props.api],
      ['worker', props.worker],
    ] as const) {
      const dimensions = { ClusterName: service.clusterName, ServiceName: service.serviceName };
      add(`${label}-cpu-high`, 'cpu-high', `${label} service CPU above ${cpu}%.`, {
        namespace: 'AWS/ECS',
        metricName: 'CPUUtilization',
        statistic: 'Average',
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: cpu,
        dimensions,
      });
      add(`${label}-memory-high`, 'memory-high', `${label} service memory above ${memory}%.`, {
        namespace: 'AWS/ECS',
        metricName: 'MemoryUtilization',
        statistic: 'Average',
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: memory,
        dimensions,
      });
      add(`${label}-tasks-below-desired`, 'tasks-below-desired', `${label} service runs fewer tasks than desired.`, {
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: 'breaching',
        metricQuery: [
          {
            id: 'desired',
            metric: { namespace: 'ECS/ContainerInsights', metricName: 'DesiredTaskCount', stat: 'Average', period: 60, dimensions },
          },
          {
            id: 'running',
            metric: { namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', stat: 'Average', period: 60, dimensions },
          },
          { id: 'missing', expression: 'desired - running', label: 'Tasks missing', returnData: true },
        ],
      });
    }

    add('worker-queue-oldest-message', 'queue-oldest-message', `Oldest scan request waited more than ${age} s.`, {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateAgeOfOldestMessage',
      statistic: 'Maximum',
      period: 300,
      evaluationPeriods: 2,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: age,
      dimensions: { QueueName: props.worker.queue.queueName },
    });
    add('worker-dlq-not-empty', 'dlq-not-empty', 'Scan requests reached the dead-letter queue.', {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: 0,
      dimensions: { QueueName: deadLetter.queueName },
    });
    const metric = props.workerFailureMetric ?? DEFAULT_WORKER_FAILURE_METRIC;
    add('worker-scan-failures', 'scan-failures', `More than ${failures} scans failed in 5 minutes.`, {
      namespace: metric.namespace,
      metricName: metric.metricName,
      statistic: 'Sum',
      period: 300,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: failures,
      dimensions: { ...metric.dimensions },
    });

    for (const table of props.tables) {
      const dimensions = { TableName: table.tableName };
      add(`dynamodb-${table.definition.name}-throttles`, 'dynamodb-throttles', `DynamoDB throttled requests on ${table.definition.name}.`, {
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        metricQuery: [
          { id: 'reads', metric: { namespace: 'AWS/DynamoDB', metricName: 'ReadThrottleEvents', stat: 'Sum', period: 60, dimensions } },
          { id: 'writes', metric: { namespace: 'AWS/DynamoDB', metricName: 'WriteThrottleEvents', stat: 'Sum', period: 60, dimensions } },
          { id: 'throttles', expression: 'FILL(reads, 0) + FILL(writes, 0)', label: 'Throttle events', returnData: true },
        ],
      });
      add(`dynamodb-${table.definition.name}-errors`, 'dynamodb-errors', `DynamoDB server-side errors on ${table.definition.name}.`, {
        namespace: 'AWS/DynamoDB',
        metricName: 'SystemErrors',
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        dimensions,
      });
    }
  }
}
