import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { EnvironmentConfig, loadEnvironment, PROJECT_NAME } from '@platform/infra-config';
import { resolveService, type ServiceManifest } from '@platform/service-catalog';
import { SCAN_QUEUE } from '@platform/shared';
import { DataStack } from '@platform/stack-data';
import { EdgeStack } from '@platform/stack-edge';
import { NetworkStack } from '@platform/stack-network';
import { RegistryStack } from '@platform/stack-registry';
import { ServiceStack } from '../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const MANIFESTS: Record<string, ServiceManifest> = {
  web: {
    name: 'web1',
    kind: 'web',
    description: 'a web service',
    port: 3000,
    http: { paths: ['/web1/*'], priority: 100 },
    health: { path: '/web1/healthz' },
    cpu: 256,
    memoryMiB: 512,
    secrets: { TOKEN_KEY: 'token-key', PARTNER_KEY: { secretsManager: 'partner/key' } },
    uses: { tables: { scans: 'read' }, queues: { 'scan-requests': 'send' } },
    environments: { prod: { cpu: 512, memoryMiB: 1024, count: { desired: 2, min: 2, max: 6 } } },
  },
  backend: { name: 'ledger', kind: 'backend', description: 'internal', port: 8080, health: { path: '/healthz' }, cpu: 256, memoryMiB: 512 },
  worker: {
    name: 'work1',
    kind: 'worker',
    description: 'consumes scans',
    cpu: 256,
    memoryMiB: 512,
    stopTimeoutSeconds: 120,
    uses: { queues: { 'scan-requests': 'send-consume' }, tables: { scans: { access: 'read-write', indexes: ['byStatus'] } } },
  },
  scheduled: {
    name: 'job1',
    kind: 'scheduled',
    description: 'nightly',
    schedule: 'cron(0 3 * * ? *)',
    cpu: 256,
    memoryMiB: 512,
    uses: { tables: { documents: { access: 'read-write', scan: true } }, queues: { 'scan-requests-dlq': 'monitor' } },
  },
};

/** One service stack of each kind next to real network, registry, data and edge stacks; the JSON of each. */
function synthServices(config: EnvironmentConfig, env: Record<string, string> = {}): Record<string, Json> {
  const outdir = mkdtempSync(join(tmpdir(), 'stack-service-'));
  try {
    const app = new App({ outdir });
    const network = new NetworkStack(app, { config });
    const registry = new RegistryStack(app, { config, services: Object.values(MANIFESTS).map((m) => m.name) });
    const data = new DataStack(app, { config });
    const edge = new EdgeStack(app, { config, network: network.network });
    for (const manifest of Object.values(MANIFESTS)) {
      new ServiceStack(app, {
        config,
        service: resolveService(manifest, { environment: config.name, project: PROJECT_NAME }),
        network: network.network,
        edge,
        repository: registry.repositories[manifest.name],
        imageTag: env[manifest.name] ?? 'unreleased',
        tables: data.tables,
        queues: data.queuesByName,
        resourcePrefix: data.resourcePrefix,
      });
    }
    app.synth();
    return Object.fromEntries(
      Object.entries(MANIFESTS).map(([kind, m]) => [kind, JSON.parse(readFileSync(join(outdir, 'stacks', `${config.name}-svc-${m.name}`, 'cdk.tf.json'), 'utf8'))]),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const values = (json: Json, type: string): Json[] => Object.values(json.resource[type] ?? {});
const container = (json: Json): Json => JSON.parse(values(json, 'aws_ecs_task_definition')[0].container_definitions)[0];
const environmentOf = (c: Json): Record<string, string> => Object.fromEntries(c.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
const statements = (json: Json): Json[] => JSON.parse(values(json, 'aws_iam_role_policy').find((p) => p.name === 'app-access').policy).Statement;

describe('ServiceStack', () => {
  const dev = synthServices(loadEnvironment('dev', {}), { web1: 'nx-1a2b' });

  it('is one stack per service, svc-<name>, with its state at <env>/svc-<name>.tfstate', () => {
    expect(dev.web.terraform.backend.s3).toMatchObject({ key: 'dev/svc-web1.tfstate', encrypt: true, use_lockfile: true });
    expect(dev.scheduled.terraform.backend.s3.key).toBe('dev/svc-job1.tfstate');
  });

  it('deploys the passed image tag, and the unreleased tag when none is passed', () => {
    expect(container(dev.web).image).toMatch(/:nx-1a2b$/);
    expect(container(dev.worker).image).toMatch(/:unreleased$/);
  });

  it('routes a web service from the shared listener by its rule, and outputs the URL the smoke test calls', () => {
    const [rule] = values(dev.web, 'aws_lb_listener_rule');
    expect(rule.priority).toBe(100);
    expect(rule.listener_arn).toMatch(/terraform_remote_state\.cross-stack-reference-input-dev-edge/);
    expect(values(dev.web, 'aws_lb')).toEqual([]);
    expect(dev.web.output['health-url'].value).toMatch(/^http:\/\/\$\{data\.terraform_remote_state.*\}\/web1\/healthz$/);
  });

  it('applies the environment block of the manifest', () => {
    const prod = synthServices(loadEnvironment('prod', {}));
    const [task] = values(prod.web, 'aws_ecs_task_definition');
    expect([task.cpu, task.memory]).toEqual(['512', '1024']);
    expect(values(prod.web, 'aws_appautoscaling_target')[0]).toMatchObject({ min_capacity: 2, max_capacity: 6 });
    expect(values(dev.web, 'aws_ecs_task_definition')[0].cpu).toBe('256');
  });

  it('passes the platform environment and secrets by ARN: SSM under /<project>/<env>/<service>/, Secrets Manager by name', () => {
    const web = container(dev.web);
    expect(environmentOf(web)).toMatchObject({ DEPLOY_ENV: 'dev', SERVICE_NAME: 'web1', TABLE_PREFIX: 'dev', PORT: '3000', HOST: '0.0.0.0' });
    expect(environmentOf(web).SCAN_QUEUE_URL).toMatch(/terraform_remote_state.*outputs/);
    expect(web.secrets).toEqual([
      { name: 'TOKEN_KEY', valueFrom: 'arn:aws:ssm:eu-west-1:000000000000:parameter/fargate-platform/dev/web1/token-key' },
      { name: 'PARTNER_KEY', valueFrom: 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:partner/key' },
    ]);
    const execution = JSON.parse(values(dev.web, 'aws_iam_role_policy').find((p) => p.name === 'start-task').policy).Statement;
    expect(execution.find((s: Json) => s.Sid === 'ReadSecrets').Resource).toEqual(['arn:aws:secretsmanager:eu-west-1:000000000000:secret:partner/key-??????']);
  });

  it('grants exactly the declared table and queue access', () => {
    expect(statements(dev.web).map((s) => s.Sid)).toEqual(['TableScansRead', 'QueueScanRequestsSend', 'UseDataKeys']);
    const job = statements(dev.scheduled);
    expect(job.map((s) => s.Sid)).toEqual(['TableDocumentsReadWrite', 'QueueScanRequestsDlqMonitor', 'UseDataKeys']);
    expect(job[0].Action).toContain('dynamodb:Scan');
    expect(job[1].Action).toEqual(['sqs:GetQueueAttributes', 'sqs:GetQueueUrl']);
    expect(statements(dev.web)[0].Action).not.toContain('dynamodb:Scan');
  });

  it("runs a worker on its queue with its heartbeat check, the queue's redrive count and scale-in protection", () => {
    const worker = container(dev.worker);
    const env = environmentOf(worker);
    expect(env).toMatchObject({ HEARTBEAT_FILE: '/tmp/heartbeat', MAX_RECEIVE_COUNT: String(SCAN_QUEUE.deadLetter.maxReceiveCount) });
    expect(env.ECS_AGENT_URI).toBeUndefined(); // ECS injects it; a value here would point the worker elsewhere
    expect(worker.healthCheck.command.join(' ')).toContain("statSync('/tmp/heartbeat'");
    expect(worker.stopTimeout).toBe(120);
    const sids = statements(dev.worker).map((s) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['TableScansReadWrite', 'QueueScanRequestsSendConsume', 'ProtectOwnTaskFromScaleIn']));
    expect(JSON.stringify(values(dev.worker, 'aws_appautoscaling_policy'))).toContain('visible / running');
  });

  it('serves a backend through Service Connect and a scheduled job through EventBridge Scheduler', () => {
    const [backend] = values(dev.backend, 'aws_ecs_service');
    expect(backend.service_connect_configuration.service[0]).toMatchObject({ discovery_name: 'ledger', client_alias: { port: 8080, dns_name: 'ledger' } });
    expect(dev.backend.output.endpoint.value).toBe('http://ledger:8080');
    const [schedule] = values(dev.scheduled, 'aws_scheduler_schedule');
    expect(schedule.schedule_expression).toBe('cron(0 3 * * ? *)');
    expect(values(dev.scheduled, 'aws_ecs_service')).toEqual([]);
  });

  it('alarms and charts every service in its own stack', () => {
    const alarms = (json: Json) => values(json, 'aws_cloudwatch_metric_alarm').map((a) => a.alarm_name).sort();
    expect(alarms(dev.web)).toEqual(['dev-web1-5xx', 'dev-web1-cpu-high', 'dev-web1-memory-high', 'dev-web1-p99-latency', 'dev-web1-tasks-below-desired', 'dev-web1-unhealthy-hosts']);
    expect(alarms(dev.backend)).toEqual(['dev-ledger-cpu-high', 'dev-ledger-memory-high', 'dev-ledger-tasks-below-desired']);
    expect(alarms(dev.scheduled)).toEqual(['dev-job1-failed-runs']);
    for (const json of Object.values(dev)) expect(values(json, 'aws_cloudwatch_dashboard')).toHaveLength(1);
  });
});
