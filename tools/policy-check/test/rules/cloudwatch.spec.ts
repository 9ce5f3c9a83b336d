import { findings, flagged, stackNamed } from '../helpers/stack-builder';

const alarm = (namespace: string, metricName: string, dimensions: Record<string, string>) => ({ namespace, metric_name: metricName, dimensions, threshold: 1 });

describe('PLAT_CW_ALARM_DIMENSIONS', () => {
  it('catches DynamoDB SystemErrors per TableName alone, an unknown AWS metric, and a metric-math query off the table', () => {
    const stack = stackNamed()
      .resource('aws_cloudwatch_metric_alarm', 'errors', alarm('AWS/DynamoDB', 'SystemErrors', { TableName: 'scans' }))
      .resource('aws_cloudwatch_metric_alarm', 'typo', alarm('AWS/SQS', 'ApproximateNumberOfMessages', { QueueName: 'q' }))
      .resource('aws_cloudwatch_metric_alarm', 'math', {
        metric_query: [
          { id: 'tg', metric: { namespace: 'AWS/ApplicationELB', metric_name: 'UnHealthyHostCount', dimensions: { TargetGroup: 'tg' }, period: 60, stat: 'Maximum' } },
          { id: 'sum', expression: 'tg', return_data: true },
        ],
      });
    expect(findings('PLAT_CW_ALARM_DIMENSIONS', stack)).toEqual([
      'aws_cloudwatch_metric_alarm.errors: metric: AWS/DynamoDB SystemErrors with dimensions TableName is never published; AWS publishes it with TableName+Operation',
      'aws_cloudwatch_metric_alarm.typo: metric: AWS/SQS ApproximateNumberOfMessages is not in the table of metrics AWS publishes that this check knows (add it with its documented dimension sets)',
      'aws_cloudwatch_metric_alarm.math: metric_query tg: AWS/ApplicationELB UnHealthyHostCount with dimensions TargetGroup is never published; AWS publishes it with LoadBalancer+TargetGroup or LoadBalancer+TargetGroup+AvailabilityZone',
    ]);
  });

  it('passes published dimension sets (in any order), UserErrors without dimensions, Container Insights and custom namespaces', () => {
    const stack = stackNamed()
      .resource('aws_cloudwatch_metric_alarm', 'errors', alarm('AWS/DynamoDB', 'SystemErrors', { Operation: 'GetItem', TableName: 'scans' }))
      .resource('aws_cloudwatch_metric_alarm', 'user', alarm('AWS/DynamoDB', 'UserErrors', {}))
      .resource('aws_cloudwatch_metric_alarm', 'hosts', alarm('AWS/ApplicationELB', 'UnHealthyHostCount', { TargetGroup: 'tg', LoadBalancer: 'lb' }))
      .resource('aws_cloudwatch_metric_alarm', 'cpu', alarm('AWS/ECS', 'CPUUtilization', { ClusterName: 'c', ServiceName: 's' }))
      .resource('aws_cloudwatch_metric_alarm', 'sched', alarm('AWS/Scheduler', 'TargetErrorCount', { ScheduleGroup: 'default' }))
      .resource('aws_cloudwatch_metric_alarm', 'tasks', {
        metric_query: [
          { id: 'running', metric: { namespace: 'ECS/ContainerInsights', metric_name: 'RunningTaskCount', dimensions: { ClusterName: 'c', ServiceName: 's' } } },
          { id: 'dlq', metric: { namespace: 'AWS/SQS', metric_name: 'ApproximateNumberOfMessagesVisible', dimensions: { QueueName: 'dlq' } } },
          { id: 'e', expression: 'running + dlq', return_data: true },
        ],
      })
      .resource('aws_cloudwatch_metric_alarm', 'custom', alarm('DocScan/Worker', 'ScansFailed', { Service: 'worker' }));
    expect(flagged('PLAT_CW_ALARM_DIMENSIONS', stack)).toEqual([]);
  });
});
