import type { EmfMetric, MetricRow, MetricWidget } from '@platform/infra-modules';

export interface ServiceSignals {
  readonly ecsService?: { readonly clusterName: string; readonly serviceName: string };
  readonly loadBalancer?: { readonly loadBalancerArnSuffix: string; readonly targetGroupArnSuffix: string };
  /** A worker's queue. */
  readonly queueName?: string;
  /** A scheduled job's failed-runs queue. */
  readonly failedRunsQueueName?: string;
  readonly failures?: EmfMetric;
}

/** The dashboard of one service: the signals its alarms watch, side by side. */
export function serviceWidgets(signals: ServiceSignals): MetricWidget[] {
  const widgets: MetricWidget[] = [];
  const { ecsService, loadBalancer } = signals;
  if (loadBalancer) {
    const tg = ['LoadBalancer', loadBalancer.loadBalancerArnSuffix, 'TargetGroup', loadBalancer.targetGroupArnSuffix];
    widgets.push(
      {
        title: 'Requests and target 5xx',
        stat: 'Sum',
        metrics: [
          ['AWS/ApplicationELB', 'RequestCount', ...tg],
          ['AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', ...tg],
        ],
      },
      {
        title: 'Latency p50 / p99 (s)',
        metrics: [
          ['AWS/ApplicationELB', 'TargetResponseTime', ...tg, { stat: 'p50' }],
          ['AWS/ApplicationELB', 'TargetResponseTime', ...tg, { stat: 'p99' }],
        ],
      },
    );
  }
  if (ecsService) {
    const dims = ['ClusterName', ecsService.clusterName, 'ServiceName', ecsService.serviceName];
    widgets.push(
      { title: 'CPU and memory (%)', metrics: [['AWS/ECS', 'CPUUtilization', ...dims], ['AWS/ECS', 'MemoryUtilization', ...dims]] },
      {
        title: 'Tasks running / desired',
        metrics: [['ECS/ContainerInsights', 'RunningTaskCount', ...dims], ['ECS/ContainerInsights', 'DesiredTaskCount', ...dims]],
      },
    );
  }
  if (signals.queueName) {
    widgets.push({
      title: 'Queue backlog',
      stat: 'Maximum',
      metrics: [
        ['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', signals.queueName],
        ['AWS/SQS', 'ApproximateAgeOfOldestMessage', 'QueueName', signals.queueName],
      ],
    });
  }
  if (signals.failedRunsQueueName) {
    widgets.push({ title: 'Failed runs', stat: 'Maximum', metrics: [['AWS/SQS', 'ApproximateNumberOfMessagesVisible', 'QueueName', signals.failedRunsQueueName]] });
  }
  if (signals.failures) {
    const f = signals.failures;
    const row: MetricRow = [f.namespace, f.metricName, ...Object.entries(f.dimensions).flat()];
    widgets.push({ title: f.metricName, stat: 'Sum', metrics: [row] });
  }
  return widgets;
}
