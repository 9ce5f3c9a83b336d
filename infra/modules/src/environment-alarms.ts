import { Construct } from 'constructs';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmMetricQuery } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { AlarmFactory, AlarmTarget } from './alarm-factory';
import { Queue } from './queue';
import { Table } from './table';
import { InvalidPropsError, requireIntegerInRange, requireMatch } from './validation';

/** DynamoDB operations; `SystemErrors` is published per table and operation. */
export type DynamoDbOperation = 'GetItem' | 'BatchGetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';

export interface WatchedTable {
  readonly table: Table;
  /** The operations the services call on it (from the catalog's `uses`); at most 10. */
  readonly operations: readonly DynamoDbOperation[];
}

export interface EnvironmentAlarmsProps {
  /** Prefix of every alarm name: the environment, e.g. `dev`. */
  readonly namePrefix: string;
  readonly topic: AlarmTarget;
  /** The shared ALB: 5xx it generates itself (no healthy target, timeouts). @default - none */
  readonly loadBalancerArnSuffix?: string;
  /** Queues of the environment: oldest-message age, and dead-letter queues not empty. */
  readonly queues: readonly Queue[];
  readonly tables: readonly WatchedTable[];
  /** ELB 5xx per minute. @default 10 */
  readonly http5xxPerMinuteThreshold?: number;
  /** @default 900 */
  readonly oldestMessageAgeThresholdSeconds?: number;
}

/**
 * Alarms on what the services share: the ALB's own 5xx, each queue's oldest message and
 * dead-letter queue, each table's throttles and server-side errors (metric math over the
 * operations the services call, since SystemErrors has no per-table total).
 */
export class EnvironmentAlarms extends Construct {
  readonly alarms: CloudwatchMetricAlarm[];
  readonly alarmNames: string[];

  constructor(scope: Construct, id: string, props: EnvironmentAlarmsProps) {
    super(scope, id);
    const name = 'EnvironmentAlarms';
    requireMatch(name, 'namePrefix', props.namePrefix, /^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"');
    const http5xx = requireIntegerInRange(name, 'http5xxPerMinuteThreshold', props.http5xxPerMinuteThreshold ?? 10, 1, 100000);
    const age = requireIntegerInRange(name, 'oldestMessageAgeThresholdSeconds', props.oldestMessageAgeThresholdSeconds ?? 900, 60, 1209600);
    const alarms = new AlarmFactory(this, props.namePrefix, props.topic);

    if (props.loadBalancerArnSuffix) {
      alarms.add('alb-5xx', '5xx', 'Load balancer 5xx (no healthy target, target timeouts) above threshold.', {
        namespace: 'AWS/ApplicationELB',
        metricName: 'HTTPCode_ELB_5XX_Count',
        statistic: 'Sum',
        period: 60,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: http5xx,
        dimensions: { LoadBalancer: props.loadBalancerArnSuffix },
      });
    }

    for (const queue of props.queues) {
      const label = queue.definition.name;
      alarms.add(`${label}-oldest-message`, 'queue-oldest-message', `Oldest ${label} message waited more than ${age} s.`, {
        namespace: 'AWS/SQS',
        metricName: 'ApproximateAgeOfOldestMessage',
        statistic: 'Maximum',
        period: 300,
        evaluationPeriods: 2,
        comparisonOperator: 'GreaterThanThreshold',
        threshold: age,
        dimensions: { QueueName: queue.queueName },
      });
      if (queue.deadLetterQueue) {
        alarms.add(`${label}-dlq-not-empty`, 'dlq-not-empty', `${label} messages reached the dead-letter queue.`, {
          namespace: 'AWS/SQS',
          metricName: 'ApproximateNumberOfMessagesVisible',
          statistic: 'Maximum',
          period: 60,
          evaluationPeriods: 1,
          comparisonOperator: 'GreaterThanThreshold',
          threshold: 0,
          dimensions: { QueueName: queue.deadLetterQueue.queueName },
        });
      }
    }

    for (const { table, operations } of props.tables) {
      const label = table.definition.name;
      const dimensions = { TableName: table.tableName };
      alarms.add(`dynamodb-${label}-throttles`, 'dynamodb-throttles', `DynamoDB throttled requests on ${label}.`, {
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
      if (operations.length === 0) continue;
      if (operations.length > 10) throw new InvalidPropsError(name, `tables.${label}.operations: an alarm sums at most 10 metrics`);
      const perOperation: CloudwatchMetricAlarmMetricQuery[] = operations.map((operation) => ({
        id: `op_${operation.toLowerCase()}`,
        returnData: false,
        metric: { namespace: 'AWS/DynamoDB', metricName: 'SystemErrors', stat: 'Sum', period: 60, dimensions: { ...dimensions, Operation: operation } },
      }));
      alarms.add(`dynamodb-${label}-errors`, 'dynamodb-errors', `DynamoDB server-side errors on ${label} (${operations.join(', ')}).`, {
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 0,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        metricQuery: [
          ...perOperation,
          { id: 'errors', expression: perOperation.map((q) => `FILL(${q.id}, 0)`).join(' + '), label: 'System errors', returnData: true },
        ],
      });
    }
    this.alarms = alarms.alarms;
    this.alarmNames = alarms.alarmNames;
  }
}
