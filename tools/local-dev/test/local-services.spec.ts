import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { containerEnvironment, loadCatalog, queueDefinition, resolveService } from '@platform/service-catalog';
import { ENVIRONMENT_NAMES, PROJECT_NAME } from '@platform/infra-config';
import { localServices, type LocalContext } from '../src/local-services';
import { UsageError } from '../src/options';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const catalog = loadCatalog({ workspaceRoot: REPO_ROOT, environmentNames: ENVIRONMENT_NAMES });
const AWS_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1',
  AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:2',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  TABLE_PREFIX: 'docscan-local',
  SCAN_QUEUE_URL: 'http://127.0.0.1:2/000000000000/docscan-local-scan-requests',
  SCAN_DLQ_URL: 'http://127.0.0.1:2/000000000000/docscan-local-scan-requests-dlq',
};

describe('local services from the catalog', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'local-services-'));
  const context: LocalContext = { workspaceRoot: REPO_ROOT, dataDir, awsEnv: AWS_ENV, baseEnv: { PATH: '/usr/bin' }, host: '127.0.0.1', portOffset: 0 };
  const services = localServices(catalog, context);

  it('has one process per catalog service, started from its build entry', () => {
    expect(services.map((s) => s.name)).toEqual(catalog.services.map((s) => s.name));
    for (const service of services) expect(service.entry).toMatch(new RegExp(`^apps/${service.name}/src/main\\.ts$`));
  });

  it.each(catalog.services.map((s) => [s.name]))('%s gets the environment its dev task definition has, adjusted for a laptop', (name) => {
    const local = services.find((s) => s.name === name)!;
    const resolved = resolveService(catalog.get(name)!, { environment: 'dev', project: PROJECT_NAME });
    const task = containerEnvironment(resolved, {
      deployEnvironment: 'local',
      region: AWS_ENV.AWS_REGION,
      tablePrefix: AWS_ENV.TABLE_PREFIX,
      queueUrl: (queue) => AWS_ENV[queueDefinition(queue).urlVariable as keyof typeof AWS_ENV],
    });
    const adjusted = new Set(['NODE_ENV', 'HOST', 'HEARTBEAT_FILE']);
    for (const [variable, value] of Object.entries(task)) if (!adjusted.has(variable)) expect([variable, local.env[variable]]).toEqual([variable, value]);
    expect(local.env.NODE_ENV).toBe('development');
    if (task.HOST) expect(local.env.HOST).toBe('127.0.0.1');
    if (task.HEARTBEAT_FILE) expect(local.env.HEARTBEAT_FILE).toBe(path.join(dataDir, `${name}-heartbeat`));
    for (const secret of resolved.secrets) expect(local.env[secret.name]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(local.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(AWS_ENV.AWS_ENDPOINT_URL_DYNAMODB);
    expect(local.url).toBe(resolved.port === undefined ? undefined : `http://127.0.0.1:${resolved.port}`);
    expect(local.runsOnce).toBe(resolved.kind === 'scheduled');
  });

  it('gives a worker a free health port and shifts web ports by the offset', () => {
    for (const worker of services.filter((s) => s.kind === 'worker')) expect(worker.env.HEALTH_PORT).toBe('0');
    const shifted = localServices(catalog, { ...context, portOffset: 100 });
    for (const service of shifted.filter((s) => s.url)) {
      expect(Number(service.env.PORT)).toBe(catalog.get(service.name)!.port! + 100);
      expect(service.url).toBe(`http://127.0.0.1:${service.env.PORT}`);
    }
  });

  it('takes a secret from the developer environment when it is set there', () => {
    const withSecret = localServices(catalog, { ...context, baseEnv: { CURSOR_SECRET: 'from-my-shell' } });
    const users = withSecret.filter((s) => catalog.get(s.name)!.secrets?.CURSOR_SECRET !== undefined);
    expect(users.length).toBeGreaterThan(0);
    for (const service of users) expect(service.env.CURSOR_SECRET).toBe('from-my-shell');
  });

  it('names the queue URL to set when AWS is configured instead of embedded', () => {
    const consumer = catalog.services.find((s) => Object.keys(s.uses?.queues ?? {}).length > 0)!;
    const variable = queueDefinition(Object.keys(consumer.uses!.queues!)[0]).urlVariable;
    expect(() => localServices(catalog, { ...context, awsEnv: {}, baseEnv: {} })).toThrow(UsageError);
    expect(() => localServices(catalog, { ...context, awsEnv: {}, baseEnv: {} })).toThrow(new RegExp(`set ${variable}`));
  });
});
