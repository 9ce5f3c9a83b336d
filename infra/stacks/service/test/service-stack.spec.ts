import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { ContainerRepository, EncryptionKey, Network, PlatformStack, Queue, Table } from '@platform/infra-modules';
import { availabilityZones, EnvironmentConfig, loadEnvironment, stackSettings } from '@platform/infra-config';
import { SCAN_QUEUE, TABLE_DEFINITIONS, TableName } from '@platform/shared';
import { ServiceStack } from '../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Synthesizes the service stack next to an upstream stack (standing in for network/registry/data) and reads its JSON. */
function synthService(config: EnvironmentConfig): Json {
  const outdir = mkdtempSync(join(tmpdir(), 'stack-service-'));
  try {
    const app = new App({ outdir });
    const upstream = new PlatformStack(app, stackSettings(config, 'upstream'));
    const key = new EncryptionKey(upstream, 'key', { description: 'data', aliasName: 'data', accountId: config.accountId, region: config.region });
    const tables = {} as Record<TableName, Table>;
    for (const definition of TABLE_DEFINITIONS) {
      tables[definition.name] = new Table(upstream, definition.name, { definition, tablePrefix: config.name, encryptionKey: key });
    }
    new ServiceStack(app, {
      config,
      network: new Network(upstream, 'net', {
        namePrefix: config.name,
        cidrBlock: config.vpcCidr,
        availabilityZones: availabilityZones(config),
        natGateways: config.natGateways,
        accountId: config.accountId,
        region: config.region,
      }),
      repositories: {
        api: new ContainerRepository(upstream, 'api', { repositoryName: `${config.name}/api` }),
        worker: new ContainerRepository(upstream, 'worker', { repositoryName: `${config.name}/worker` }),
      },
      tables,
      scanQueue: new Queue(upstream, 'queue', { definition: SCAN_QUEUE, queuePrefix: config.name, encryptionKey: key }),
      resourcePrefix: config.name,
    });
    app.synth();
    return JSON.parse(readFileSync(join(outdir, 'stacks', `${config.name}-service`, 'cdk.tf.json'), 'utf8'));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const values = (json: Json, type: string): Json[] => Object.values(json.resource[type] ?? {});
const containers = (json: Json): Json[] => values(json, 'aws_ecs_task_definition').map((t) => JSON.parse(t.container_definitions)[0]);

describe('ServiceStack', () => {
  const dev = synthService(loadEnvironment('dev', { API_IMAGE_TAG: 'api-1a2b', WORKER_IMAGE_TAG: 'worker-3c4d' }));

  it('runs a cluster with Container Insights', () => {
    expect(values(dev, 'aws_ecs_cluster')[0].setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
  });

  it('deploys the passed image tags, never latest', () => {
    const images = containers(dev).map((c) => c.image);
    expect(images.some((i) => i.endsWith(':api-1a2b'))).toBe(true);
    expect(images.some((i) => i.endsWith(':worker-3c4d'))).toBe(true);
    expect(images.every((i) => !i.endsWith(':latest'))).toBe(true);
  });

  it('defaults to the unreleased tag when no tag is passed', () => {
    const json = synthService(loadEnvironment('staging', {}));
    expect(containers(json).every((c) => c.image.endsWith(':unreleased'))).toBe(true);
  });

  it('runs both services in private subnets without public IPs, with circuit breaker and rollback', () => {
    for (const service of values(dev, 'aws_ecs_service')) {
      expect(service.network_configuration.assign_public_ip).toBe(false);
      expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
      expect(service.network_configuration.subnets.every((s: string) => /private/.test(s))).toBe(true);
    }
  });

  it('passes table prefix and queue URL as env, secrets from SSM', () => {
    const api = containers(dev).find((c) => c.name === 'api');
    const env = Object.fromEntries(api.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env.TABLE_PREFIX).toBe('dev');
    expect(env.SCAN_QUEUE_URL).toMatch(/terraform_remote_state.*outputs/);
    expect(api.secrets[0].valueFrom).toMatch(/^arn:aws:ssm:eu-west-1:0{12}:parameter\//);
    expect(api.healthCheck.command.join(' ')).toContain('/healthz');
  });

  it('scopes task roles to the exact table, index and queue ARNs from the data stack', () => {
    const policies = values(dev, 'aws_iam_role_policy').filter((p) => p.name === 'app-access');
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      for (const statement of JSON.parse(policy.policy).Statement) {
        for (const action of statement.Action) expect(action).not.toMatch(/\*/);
        for (const resource of statement.Resource) {
          expect(resource === '*' || resource.startsWith('arn:aws:ecs') || resource.includes('terraform_remote_state')).toBe(true);
          expect(resource).not.toBe('*');
        }
      }
    }
    const worker = JSON.parse(policies.find((p) => /worker/.test(p.role)).policy).Statement;
    const scans = worker.find((s: { Sid: string }) => s.Sid === 'TableScansReadWrite');
    expect(scans.Resource[1]).toMatch(/\/index\/byStatus$/);
    expect(worker.find((s: { Sid: string }) => s.Sid === 'TableApiKeysRead')).toBeUndefined();
  });

  it('lets only the worker protect tasks of its own cluster from scale-in', () => {
    const policies = values(dev, 'aws_iam_role_policy').filter((p) => p.name === 'app-access');
    const statementsOf = (role: RegExp) => JSON.parse(policies.find((p) => role.test(p.role)).policy).Statement;
    const protection = statementsOf(/worker/).find((s: { Sid: string }) => s.Sid === 'ProtectOwnTaskFromScaleIn');
    expect(protection).toEqual({
      Sid: 'ProtectOwnTaskFromScaleIn',
      Effect: 'Allow',
      Action: ['ecs:UpdateTaskProtection', 'ecs:GetTaskProtection'],
      Resource: [expect.stringMatching(/^arn:aws:ecs:eu-west-1:0{12}:task\/\$\{aws_ecs_cluster\.[^}]+\.name\}\/\*$/)],
    });
    const clusterAddress = /aws_ecs_cluster\.([^.]+)\.name/.exec(protection.Resource[0])![1];
    expect(dev.resource.aws_ecs_cluster[clusterAddress].name).toBe('dev-cluster');
    expect(statementsOf(/api/).some((s: { Action: string[] }) => s.Action.some((a) => a.startsWith('ecs:')))).toBe(false);
  });

  it("tells the worker the scan queue's redrive count as MAX_RECEIVE_COUNT", () => {
    const worker = containers(dev).find((c) => c.name === 'worker');
    const env = Object.fromEntries(worker.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env.MAX_RECEIVE_COUNT).toBe(String(SCAN_QUEUE.deadLetter.maxReceiveCount));
    expect(env.ECS_AGENT_URI).toBeUndefined(); // ECS injects it; a value here would point the worker elsewhere
  });

  it('serves HTTPS with a redirect when a certificate is configured', () => {
    const cert = `arn:aws:acm:eu-west-1:${'0'.repeat(12)}:certificate/abc`;
    const json = synthService(loadEnvironment('prod', { PROD_DOMAIN_NAME: 'scans.example.com', PROD_CERTIFICATE_ARN: cert }));
    const listeners = values(json, 'aws_lb_listener');
    expect(listeners.map((l) => l.protocol).sort()).toEqual(['HTTP', 'HTTPS']);
    expect(values(json, 'aws_lb')[0].enable_deletion_protection).toBe(true);
    expect(json.output['api-url'].value).toBe('https://scans.example.com');
  });

  it('keeps state at dev/service.tfstate', () => {
    expect(dev.terraform.backend.s3).toMatchObject({ key: 'dev/service.tfstate', encrypt: true, use_lockfile: true });
  });
});
