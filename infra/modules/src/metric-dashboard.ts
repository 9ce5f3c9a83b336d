import { Construct } from 'constructs';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { requireMatch } from './validation';

/** One line of a metric widget: namespace, metric name, dimension name/value pairs, optional render options. */
export type MetricRow = (string | Readonly<Record<string, string>>)[];

export interface MetricWidget {
  readonly title: string;
  readonly metrics: readonly MetricRow[];
  /** @default 'Average' */
  readonly stat?: string;
}

export interface MetricDashboardProps {
  readonly dashboardName: string;
  readonly region: string;
  readonly widgets: readonly MetricWidget[];
}

/** A CloudWatch dashboard of time-series widgets, two per row, showing the signals the alarms watch. */
export class MetricDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: MetricDashboardProps) {
    super(scope, id);
    requireMatch('MetricDashboard', 'dashboardName', props.dashboardName, /^[A-Za-z0-9_-]{1,255}$/, 'letters, digits, "_" or "-"');
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: props.dashboardName,
      dashboardBody: JSON.stringify({
        widgets: props.widgets.map((w, i) => ({
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
