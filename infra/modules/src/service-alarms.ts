import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AlarmFactory, AlarmTarget } from './alarm-factory';
import { InvalidPropsError, requireIntegerInRange, requireMatch } from './validation';

/** A custom metric an app emits in CloudWatch Embedded Metric Format. */
export interface EmfMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** A counter of failures the app emits; its sum over 5 minutes above `threshold` pages. */
export interface FailureCounter {
  readonly metric: EmfMetric;
  readonly threshold: number;
  readonly description: string;
}

export interface ServiceAlarmsProps {
  /** Prefix of every alarm name: the service's, e.g. `dev-api`. */
  readonly namePrefix: string;
  readonly topic: AlarmTarget;
  /** A long-running ECS service (web, backend, worker). @default - none (a scheduled job) */
  readonly ecsService?: { readonly clusterName: string; readonly serviceName: string };
  /** Behind the shared ALB: per-target-group 5xx, p99 latency and unhealthy hosts. @default - none */
  readonly loadBalancer?: { readonly loadBalancerArnSuffix: string; readonly targetGroupArnSuffix: string };
  /** A scheduled job's queue of failed invocations and non-zero exits. @default - none */
  readonly failedRunsQueueName?: string;
  /** @default - none */
  readonly failures?: FailureCounter;
  /** @default 1500 */
  readonly p99LatencyThresholdMs?: number;
  /** Target 5xx responses per minute. @default 10 */
  readonly http5xxPerMinuteThreshold?: number;
  /** @default 85 */
  readonly cpuThresholdPercent?: number;
  /** @default 85 */
  readonly memoryThresholdPercent?: number;
}

/**
 * The alarms of one service, by what it is: a web service's target 5xx, p99 latency and
 * unhealthy targets; every ECS service's CPU, memory and running < desired; a scheduled job's
 * failed runs; the app's own failure counter. A service always gets at least one alarm.
 */
export class ServiceAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[];
  readonly alarmNames: string[];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const name = 'ServiceAlarms';
    requireMatch(name, 'namePrefix', props.namePrefix, /^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"');
    const p99 = requireIntegerInRange(name, 'p99LatencyThresholdMs', props.p99LatencyThresholdMs ?? 1500, 10, 60000);
    const http5xx = requireIntegerInRange(name, 'http5xxPerMinuteThreshold', props.http5xxPerMinuteThreshold ?? 10, 1, 100000);
    const cpu = requireIntegerInRange(name, 'cpuThresholdPercent', props.cpuThresholdPercent ?? 85, 1, 100);
    const memory = requireIntegerInRange(name, 'memoryThresholdPercent', props.memoryThresholdPercent ?? 85, 1, 100);
    if (props.loadBalancer && !props.ecsService) throw new InvalidPropsError(name, 'loadBalancer needs ecsService');
    if (!props.ecsService && !props.failedRunsQueueName && !props.failures) {
      throw new InvalidPropsError(name, 'give ecsService, failedRunsQueueName or failures: a service without alarms pages nobody');
    }
    const alarms = new AlarmFactory(this, props.namePrefix, props.topic);

    if (props.loadBalancer) {
      const lb = props.loadBalancer;
      const targetGroup = { LoadBalancer: lb.loadBalancerArnSuffix, TargetGroup: lb.targetGroupArnSuffix };
      alarms.add('5xx', '5xx', 'Target 5xx responses above threshold.', {
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_Target_5XX_Count',
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: http5xx,
        dimensions: targetGroup,
      });
      alarms.add('p99-latency', 'p99-latency', `p99 target response time above ${p99} ms.`, {
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        extendedStatistic: 'p99',
        period: 300,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: p99 / 1000,
        dimensions: targetGroup,
      });
      alarms.add('unhealthy-hosts', 'unhealthy-hosts', 'Targets failing the load balancer health check.', {
        namespace: 'AWS/ApplicationELB',
        metricName: 'UnHealthyHostCount',
        statistic: 'Maximum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        dimensions: targetGroup,
      });
    }

    if (props.ecsService) {
      const dimensions = { ClusterName: props.ecsService.clusterName, ServiceName: props.ecsService.serviceName };
      alarms.add('cpu-high', 'cpu-high', `Service CPU above ${cpu}%.`, {
        namespace: 'AWS/ECS',
        metricName: 'CPUUtilization',
        statistic: 'Average',
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: cpu,
        dimensions,
      });
      alarms.add('memory-high', 'memory-high', `Service memory above ${memory}%.`, {
        namespace: 'AWS/ECS',
        metricName: 'MemoryUtilization',
        statistic: 'Average',
        period: 300,
        evaluationPeriods: 3,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: memory,
        dimensions,
      });
      alarms.add('tasks-below-desired', 'tasks-below-desired', 'Service runs fewer tasks than desired.', {
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        evaluationPeriods: 5,
        datapointsToAlarm: 5,
        treatMissingData: 'breaching',
        metricQuery: [
          { id: 'desired', metric: { namespace: 'ECS/ContainerInsights', metricName: 'DesiredTaskCount', stat: 'Average', period: 60, dimensions } },
          { id: 'running', metric: { namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', stat: 'Average', period: 60, dimensions } },
          { id: 'missing', expression: 'desired - running', label: 'Tasks missing', returnData: true },
        ],
      });
    }

    if (props.failedRunsQueueName) {
      alarms.add('failed-runs', 'failed-runs', 'Scheduled runs failed: not started after retries, or exited non-zero.', {
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        statistic: 'Maximum',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        dimensions: { QueueName: props.failedRunsQueueName },
      });
    }

    if (props.failures) {
      const { metric, threshold, description } = props.failures;
      alarms.add('failures', 'app-failures', `${description} More than ${threshold} in 5 minutes.`, {
        namespace: metric.namespace,
        metricName: metric.metricName,
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanThreshold',
        threshold,
        dimensions: { ...metric.dimensions },
      });
    }
    this.alarms = alarms.alarms;
    this.alarmNames = alarms.alarmNames;
  }
}
