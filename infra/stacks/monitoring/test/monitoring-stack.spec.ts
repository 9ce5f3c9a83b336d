import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { loadEnvironment } from '@platform/infra-config';
import { DataStack } from '@platform/stack-data';
import { EdgeStack } from '@platform/stack-edge';
import { NetworkStack } from '@platform/stack-network';
import { MonitoringStack } from '../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function synthMonitoring(): Json {
  const config = loadEnvironment('prod', {});
  const outdir = mkdtempSync(join(tmpdir(), 'stack-monitoring-'));
  try {
    const app = new App({ outdir });
    const network = new NetworkStack(app, { config });
    const data = new DataStack(app, { config });
    const edge = new EdgeStack(app, { config, network: network.network });
    new MonitoringStack(app, {
      config,
      alarmTopic: edge.alarmTopic,
      loadBalancerArnSuffix: edge.loadBalancer?.loadBalancerArnSuffix,
      queues: data.queues,
      tables: [
        { table: data.tables.scans, operations: ['GetItem', 'UpdateItem'] },
        { table: data.tables.findings, operations: [] },
      ],
    });
    app.synth();
    return JSON.parse(readFileSync(join(outdir, 'stacks', 'prod-monitoring', 'cdk.tf.json'), 'utf8'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe('MonitoringStack', () => {
  const json = synthMonitoring();
  const alarms = Object.values(json.resource.aws_cloudwatch_metric_alarm) as Json[];

  it('alarms on what the services share, notifying the topic of the edge stack', () => {
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
      'prod-alb-5xx',
      'prod-dynamodb-findings-throttles',
      'prod-dynamodb-scans-errors',
      'prod-dynamodb-scans-throttles',
      'prod-scan-requests-dlq-not-empty',
      'prod-scan-requests-oldest-message',
    ]);
    for (const alarm of alarms) expect(alarm.alarm_actions[0]).toMatch(/terraform_remote_state\.cross-stack-reference-input-prod-edge/);
    expect(alarms.find((a) => a.alarm_name === 'prod-alb-5xx').dimensions.LoadBalancer).toMatch(/terraform_remote_state.*outputs/);
  });

  it('has no service alarms: each service stack holds its own', () => {
    expect(alarms.filter((a) => a.namespace === 'AWS/ECS' || /TargetGroup/.test(JSON.stringify(a.dimensions ?? {})))).toEqual([]);
  });

  it('has a dashboard and keeps state at prod/monitoring.tfstate', () => {
    expect(Object.keys(json.resource.aws_cloudwatch_dashboard)).toHaveLength(1);
    expect(json.terraform.backend.s3.key).toBe('prod/monitoring.tfstate');
  });
});
