import { Construct } from 'constructs';
import {
  AlarmTopic,
  LoadBalancedFargateService,
  PlatformStack,
  QueueProcessingFargateService,
  ServiceAlarms,
  ServiceDashboard,
  Table,
} from '@platform/infra-modules';
import { EnvironmentConfig, stackSettings } from '@platform/infra-config';

export interface MonitoringStackProps {
  readonly config: EnvironmentConfig;
  /** From the service stack. */
  readonly api: LoadBalancedFargateService;
  readonly worker: QueueProcessingFargateService;
  /** From the data stack. */
  readonly tables: readonly Table[];
}

/** Alarm topic, alarms and dashboard of one environment. */
export class MonitoringStack extends PlatformStack {
  readonly topic: AlarmTopic;
  readonly alarms: ServiceAlarms;
  readonly dashboard: ServiceDashboard;

  constructor(scope: Construct, props: MonitoringStackProps) {
    super(scope, stackSettings(props.config, 'monitoring'));
    const { config } = props;
    this.topic = new AlarmTopic(this, 'alarm-topic', {
      topicName: `${config.name}-alarms`,
      emailAddresses: [config.alarmEmail],
      accountId: config.accountId,
      region: config.region,
    });
    this.alarms = new ServiceAlarms(this, 'alarms', {
      namePrefix: config.name,
      topic: this.topic,
      api: props.api,
      worker: props.worker,
      tables: props.tables,
    });
    this.dashboard = new ServiceDashboard(this, 'dashboard', {
      dashboardName: `${config.name}-service`,
      region: config.region,
      api: props.api,
      worker: props.worker,
      tables: props.tables,
    });
  }
}
