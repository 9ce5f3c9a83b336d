import { containerEnvironment, resolveService, SERVICE_DEFAULTS, type ServiceManifest } from '../src';
import { MANIFESTS } from './catalog-fixtures';

const context = { environment: 'prod', project: 'fargate-platform' };

describe('resolveService', () => {
  it('fills in the defaults', () => {
    const web = resolveService(MANIFESTS.web, context);
    expect(web.count).toEqual(SERVICE_DEFAULTS.count);
    expect(web.health).toEqual({ path: '/web1/healthz', matcher: '200' });
    expect(web.http).toEqual({ paths: ['/web1/*'], hosts: [], priority: 100 });
    expect(web.stopTimeoutSeconds).toBe(30);
    const job = resolveService(MANIFESTS.scheduled, context);
    expect(job.count).toBeUndefined();
    expect(job.retry).toEqual(SERVICE_DEFAULTS.retry);
    expect(resolveService(MANIFESTS.worker, context).heartbeat).toEqual({ file: '/tmp/heartbeat', maxAgeSeconds: 120 });
  });

  it("applies the environment's overrides only to that environment", () => {
    const manifest: ServiceManifest = {
      ...MANIFESTS.web,
      variables: { FEATURE: 'off', LOG_LEVEL: 'info' },
      environments: { prod: { cpu: 1024, memoryMiB: 2048, count: { desired: 3, min: 3, max: 9 }, variables: { FEATURE: 'on' } } },
    };
    const prod = resolveService(manifest, context);
    expect([prod.cpu, prod.memoryMiB, prod.count, prod.variables]).toEqual([1024, 2048, { desired: 3, min: 3, max: 9 }, { FEATURE: 'on', LOG_LEVEL: 'info' }]);
    const dev = resolveService(manifest, { ...context, environment: 'dev' });
    expect([dev.cpu, dev.count, dev.variables.FEATURE]).toEqual([256, SERVICE_DEFAULTS.count, 'off']);
  });

  it('places relative SSM names under the project, environment and service; keeps absolute ones', () => {
    const manifest: ServiceManifest = { ...MANIFESTS.web, secrets: { A_KEY: 'a-key', B_KEY: '/shared/b', C_KEY: { secretsManager: 'team/c' } } };
    expect(resolveService(manifest, context).secrets).toEqual([
      { name: 'A_KEY', source: { type: 'ssm', parameterName: '/fargate-platform/prod/web1/a-key' } },
      { name: 'B_KEY', source: { type: 'ssm', parameterName: '/shared/b' } },
      { name: 'C_KEY', source: { type: 'secretsmanager', secretName: 'team/c' } },
    ]);
  });
});

describe('containerEnvironment', () => {
  const ctx = { deployEnvironment: 'prod', region: 'eu-west-1', tablePrefix: 'docscan-prod', queueUrl: (q: string) => `https://sqs/${q}` };

  it('gives a worker its queue, heartbeat and the redrive count of its queue', () => {
    const env = containerEnvironment(resolveService(MANIFESTS.worker, context), ctx);
    expect(env).toEqual({
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      AWS_REGION: 'eu-west-1',
      DEPLOY_ENV: 'prod',
      SERVICE_NAME: 'work1',
      TABLE_PREFIX: 'docscan-prod',
      SCAN_QUEUE_URL: 'https://sqs/scan-requests',
      HEARTBEAT_FILE: '/tmp/heartbeat',
      MAX_RECEIVE_COUNT: '5',
    });
  });

  it('gives an HTTP service its port, and no table prefix when it uses no tables', () => {
    const env = containerEnvironment(resolveService({ ...MANIFESTS.backend, variables: { LOG_LEVEL: 'debug' } }, context), ctx);
    expect(env).toMatchObject({ PORT: '8080', HOST: '0.0.0.0', LOG_LEVEL: 'debug' });
    expect(env.TABLE_PREFIX).toBeUndefined();
  });
});
