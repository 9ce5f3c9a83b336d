import { Construct } from 'constructs';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { DEFAULT_WORKER_FAILURE_METRIC, EmfMetric } from './service-alarms';
import { LoadBalancedFargateService } from './load-balanced-fargate-service';
import { QueueProcessingFargateService } from './queue-processing-fargate-service';
import { Table } from './table';
import { requireMatch } from './validation';

export interface ServiceDashboardProps {
  readonly dashboardName: string;
  readonly region: string;
  readonly api: LoadBalancedFargateService;
  readonly worker: QueueProcessingFargateService;
  readonly tables: readonly Table[];
  /** @default DEFAULT_WORKER_FAILURE_METRIC */
  readonly workerFailureMetric?: EmfMetric;
}

type MetricRow = (string | Record<string, string>)[];

/** One CloudWatch dashboard with the same signals the alarms watch, side by side. */
export class ServiceDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    requireMatch('ServiceDashboard', 'dashboardName', props.dashboardName, /^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, "_" or "-"');
    const lb = props.api.loadBalancerArnSuffix;
    const service = (s: { clusterName: string; serviceName: string }, metric: string): MetricRow => [
      'AWS/ECS',
      metric,
      'ClusterName',
      s.clusterName,
      'ServiceName',
      s.serviceName,
    ];
    const failure = props.workerFailureMetric ?? DEFAULT_WORKER_FAILURE_METRIC;
    const widgets: { title: string; metrics: MetricRow[]; stat?: string }[] = [
      {
        title: 'API requests and 5xx',
        stat: 'Sum',
        metrics: [
          ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', lb],
          ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', 'LoadBalancer', lb],
          ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'LoadBalancer', lb],
        ],
      },
      {
        title: 'API latency p50 / p99 (s)',
        metrics: [
          ['AWS/ApplicationELB', 'TargetResponseTime', 'LoadBalancer', lb, { stat: 'p50' }],
          ['AWS/ApplicationELB', 'TargetResponseTime', 'LoadBalancer', lb, { stat: 'p99' }],
        ],
      },
      {
        title: 'CPU and memory (%)',
        stat: 'Average',
        metrics: [
          service(props.api, 'CPUUtilization'),
          service(props.api, 'MemoryUtilization'),
          service(props.worker, 'CPUUtilization'),
          service(props.worker, 'MemoryUtilization'),
        ],
      },
      {
        title: 'Scan queue',
        stat: 'Maximum',
        metrics: [
          ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', props.worker.queue.queueName],
          ['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', props.worker.queue.queueName],
          ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', props.worker.queue.deadLetterQueue?.queueName ?? props.worker.queue.queueName],
        ],
      },
      {
        title: 'Worker scan failures',
        stat: 'Sum',
        metrics: [[failure.namespace, failure.metricName, ...Object.entries(failure.dimensions).flat()]],
      },
      {
        title: 'DynamoDB throttles',
        stat: 'Sum',
        metrics: props.tables.flatMap((t) => [
          ['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', t.tableName],
          ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', t.tableName],
        ]),
      },
    ];
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.dashboardName,
      dashboardBody: JSON.stringify({
        widgets: widgets.map((w, i) => ({
          type: 'metric',
          x: (i % 2) * 12,
          y: Math.floor(i / 2) * 6,
          width: 12,
          height: 6,
          properties: { title: w.title, region: props.region, view: 'timeSeries', period: 60, stat: w.stat ?? 'Average', metrics: w.metrics },
        })),
      }),
    });
    this.dashboardName = this.dashboard.dashboardName;
  }
}
