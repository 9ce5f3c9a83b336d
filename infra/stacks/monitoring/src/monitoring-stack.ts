import { Construct } from 'constructs';
import { EnvironmentAlarms, MetricDashboard, MetricWidget, PlatformStack, Queue, WatchedTable } from '@platform/infra-modules';
import { EnvironmentConfig, stackSettings } from '@platform/infra-config';

export interface MonitoringStackProps {
  readonly config: EnvironmentConfig;
  /** From the edge stack. */
  readonly alarmTopic: { readonly topicArn: string };
  /** The shared ALB, when the environment has one. @default - none */
  readonly loadBalancerArnSuffix?: string;
  /** From the data stack: every queue, and every table with the operations the services call on it. */
  readonly queues: readonly Queue[];
  readonly tables: readonly WatchedTable[];
}

/**
 * Alarms and dashboard of what an environment's services share (the ALB, queues, tables); each
 * service's own alarms live in its stack. Nothing else reads this stack, so it applies last.
 */
export class MonitoringStack extends PlatformStack {
  readonly alarms: EnvironmentAlarms;
  readonly dashboard: MetricDashboard;

  constructor(scope: Construct, props: MonitoringStackProps) {
    super(scope, stackSettings(props.config, 'monitoring'));
    const { config } = props;
    this.alarms = new EnvironmentAlarms(this, 'alarms', {
      namePrefix: config.name,
      topic: props.alarmTopic,
      loadBalancerArnSuffix: props.loadBalancerArnSuffix,
      queues: props.queues,
      tables: props.tables,
    });
    const lb = props.loadBalancerArnSuffix;
    const widgets: MetricWidget[] = [
      ...(lb
        ? [
            {
              title: 'Load balancer requests and 5xx',
              stat: 'Sum',
              metrics: [
                ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', lb],
                ['AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', 'LoadBalancer', lb],
              ],
            },
          ]
        : []),
      {
        title: 'Queues',
        stat: 'Maximum',
        metrics: props.queues.flatMap((q) => [
          ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', q.queueName],
          ['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', q.queueName],
          ...(q.deadLetterQueue ? [['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', q.deadLetterQueue.queueName]] : []),
        ]),
      },
      {
        title: 'DynamoDB throttles',
        stat: 'Sum',
        metrics: props.tables.flatMap(({ table }) => [
          ['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', table.tableName],
          ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', table.tableName],
        ]),
      },
    ];
    this.dashboard = new MetricDashboard(this, 'dashboard', { dashboardName: `${config.name}-platform`, region: config.region, widgets });
  }
}
