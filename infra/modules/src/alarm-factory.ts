import { Construct } from 'constructs';
import { CloudwatchMetricAlarm, CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

export type AlarmSpec = Omit<CloudwatchMetricAlarmConfig, 'alarmName' | 'alarmActions' | 'okActions' | 'alarmDescription'>;

/** Where alarms go: alarm and recovery both notify the topic. */
export interface AlarmTarget {
  readonly topicArn: string;
}

/**
 * Adds alarms named `<namePrefix>-<suffix>`, each notifying the topic on alarm and on recovery,
 * missing data not breaching unless the spec says so, and naming its runbook section in
 * docs/operations.md (`#alarm-<runbook>`).
 */
export class AlarmFactory {
  readonly alarms: CloudwatchMetricAlarm[] = [];
  readonly alarmNames: string[] = [];

  constructor(
    private readonly scope: Construct,
    private readonly namePrefix: string,
    private readonly target: AlarmTarget,
  ) {}

  add(suffix: string, runbook: string, description: string, spec: AlarmSpec): CloudwatchMetricAlarm {
    const alarmName = `${this.namePrefix}-${suffix}`;
    const alarm = new CloudwatchMetricAlarm(this.scope, suffix, {
      alarmName,
      alarmDescription: `${description} Runbook: docs/operations.md#alarm-${runbook}`,
      alarmActions: [this.target.topicArn],
      okActions: [this.target.topicArn],
      treatMissingData: 'notBreaching',
      ...spec,
    });
    this.alarms.push(alarm);
    this.alarmNames.push(alarmName);
    return alarm;
  }
}
