import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeDeployPlan } from '../src/deploy-plan-command';
import type { DeployPlan } from '../src/plan/deploy-plan';
import { FixtureWorkspace } from './fixture-workspace';

const SERVICE_STACKS = ['svc-api', 'svc-worker'];
const ALL_STACKS = ['state', 'network', 'registry', 'data', 'edge', ...SERVICE_STACKS, 'monitoring'];

/** Per environment: stack names in order. */
function stacksByEnv(plan: DeployPlan): Record<string, string[]> {
  return Object.fromEntries(plan.environments.map((env) => [env.name, env.stacks.map((s) => s.name)]));
}

function everyEnv(stacks: string[]): Record<string, string[]> {
  return { dev: stacks, staging: stacks, prod: stacks };
}

describe('deploy plan on a real git repository', () => {
  let fixture: FixtureWorkspace;
  const plan = (head?: string) => computeDeployPlan({ cwd: fixture.dir, base: fixture.baseCommit, head });

  beforeAll(() => {
    fixture = FixtureWorkspace.create();
  });
  afterAll(() => fixture.remove());

  it("a change in apps/api builds the api image and applies only the api's stack in each environment", async () => {
    fixture.change('api', { 'apps/api/src/main.ts': 'export const port = 3000;\n' });
    const result = await plan();
    expect(result.images.map((i) => i.project)).toEqual(['api']);
    expect(result.images[0]).toMatchObject({
      dockerfile: 'apps/api/Dockerfile',
      repository: 'fargate-platform/api',
      tag: expect.stringMatching(/^nx-\d+$/),
    });
    expect(stacksByEnv(result)).toEqual(everyEnv(['svc-api']));
    expect(result.environments[0].stacks[0]).toEqual({ name: 'svc-api', reasons: ['api'], action: 'apply', layer: 0 });
  });

  it('a change in the shared table definitions builds both images and applies data, then every service stack', async () => {
    fixture.change('shared-tables', { 'libs/shared/src/definitions/tables.ts': "export const TTL = 'expiresAt';\n" });
    const result = await plan();
    expect(result.images.map((i) => i.project)).toEqual(['api', 'worker']);
    // Monitoring reads the data stack's table and queue names for its alarms.
    expect(stacksByEnv(result)).toEqual(everyEnv(['data', ...SERVICE_STACKS, 'monitoring']));
    expect(result.environments[2].stacks.map((s) => [s.reasons, s.layer])).toEqual([[['shared'], 0], [['shared'], 1], [['shared'], 1], [['shared'], 1]]);
  });

  it('a change in one infra module applies the stacks that use that module, then the stacks that read their outputs', async () => {
    fixture.change('network-module', { 'infra/modules/src/network.ts': 'export const NAT_PER_AZ = true;\n' });
    const result = await plan();
    expect(result.images).toEqual([]);
    expect(stacksByEnv(result)).toEqual(everyEnv(['network', 'edge', ...SERVICE_STACKS, 'monitoring']));
    expect(result.environments[0].stacks.map((s) => s.layer)).toEqual([0, 1, 2, 2, 2]);
    expect(result.environments[0].stacks[0].reasons).toEqual(['infra-modules']);
  });

  it('a module used through another module reaches every stack that uses either', async () => {
    fixture.change('log-group', { 'infra/modules/src/log-group.ts': 'export const RETENTION = 90;\n' });
    expect(stacksByEnv(await plan())).toEqual(everyEnv([...SERVICE_STACKS, 'monitoring']));
  });

  it('a test-only change in infra modules applies no stack', async () => {
    fixture.change('module-test', { 'infra/modules/test/table.spec.ts': '// more cases\n' });
    expect(stacksByEnv(await plan())).toEqual(everyEnv([]));
  });

  it('a prod-only config change applies prod stacks only', async () => {
    fixture.change('prod-config', { 'infra/config/src/environments/prod.ts': 'export const alarmEmail = "ops@example.com";\n' });
    const result = await plan();
    expect(result.images).toEqual([]);
    expect(stacksByEnv(result)).toEqual({ dev: [], staging: [], prod: ALL_STACKS });
    expect(result.environments[2].stacks[0].reasons).toEqual(['infra-config']);
  });

  it('a config change outside the environment files applies every environment', async () => {
    fixture.change('config-index', { 'infra/config/src/index.ts': 'export const VERSION = 2;\n' });
    expect(stacksByEnv(await plan())).toEqual(everyEnv(ALL_STACKS));
  });

  it('settings shared by the environment files (common.ts) apply every environment', async () => {
    fixture.change('config-common', { 'infra/config/src/environments/common.ts': 'export const retentionDays = 30;\n' });
    expect(stacksByEnv(await plan())).toEqual(everyEnv(ALL_STACKS));
  });

  it('--env limits the environments and keeps promotion order', async () => {
    fixture.change('api-envs', { 'apps/api/src/main.ts': 'export const env = 1;\n' });
    const result = await computeDeployPlan({ cwd: fixture.dir, base: fixture.baseCommit, environments: ['prod', 'dev'] });
    expect(result.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
  });

  it('docs and the README change nothing', async () => {
    fixture.change('docs', { 'README.md': 'more words\n', 'docs/deploying.md': 'more words\n' });
    const result = await plan();
    expect(result).toEqual({ images: [], environments: ['dev', 'staging', 'prod'].map((name) => ({ name, stacks: [] })) });
  });

  it('a lockfile change rebuilds every image and applies every stack, in the documented order', async () => {
    fixture.branchFromBase('lockfile');
    const lock = JSON.parse(readFileSync(join(fixture.dir, 'package-lock.json'), 'utf8'));
    lock.packages[''].version = '0.0.1';
    fixture.write('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
    fixture.commitAll('lockfile');
    const result = await plan();
    expect(result.images.map((i) => i.project)).toEqual(['api', 'worker']);
    expect(stacksByEnv(result)).toEqual(everyEnv(ALL_STACKS));
    expect(result.environments[0].stacks[0].reasons).toEqual(['package-lock.json']);
    // Layers: what reads nothing planned, then edge (reads network), then services and monitoring (read edge).
    expect(result.environments[0].stacks.map((s) => s.layer)).toEqual([0, 0, 0, 0, 1, 2, 2, 2]);
  });

  it('an nx.json change rebuilds every image and applies every stack', async () => {
    fixture.branchFromBase('nx-json');
    const nxJson = JSON.parse(readFileSync(join(fixture.dir, 'nx.json'), 'utf8'));
    nxJson.parallel = 3;
    fixture.write('nx.json', `${JSON.stringify(nxJson, null, 2)}\n`);
    fixture.commitAll('nx.json');
    const result = await plan();
    expect(result.images.map((i) => i.project)).toEqual(['api', 'worker']);
    expect(stacksByEnv(result)).toEqual(everyEnv(ALL_STACKS));
  });

  it("a manifest change applies that service's stack only, and builds no image", async () => {
    const head = fixture.change('api-manifest', {});
    const manifest = JSON.parse(readFileSync(join(fixture.dir, 'apps/api/service.json'), 'utf8'));
    manifest.alarms.p99LatencyMs = 900;
    fixture.write('apps/api/service.json', `${JSON.stringify(manifest, null, 2)}\n`);
    fixture.commitAll('api manifest');
    const result = await plan();
    expect(head).not.toBe(fixture.git('rev-parse', 'HEAD'));
    expect(result.images).toEqual([]);
    expect(stacksByEnv(result)).toEqual(everyEnv(['svc-api']));
  });

  it('a new service: its image, its repository in the registry and its stack', async () => {
    fixture.branchFromBase('new-service');
    fixture.write('apps/notifier/project.json', JSON.stringify({ name: 'notifier', tags: ['type:app', 'kind:web', 'deploy:image'], targets: { build: { executor: 'nx:noop', inputs: ['production'] } } }));
    fixture.write('apps/notifier/src/main.ts', 'export const notify = true;\n');
    fixture.write('apps/notifier/Dockerfile', 'FROM node:24.21.0-bookworm-slim\n');
    fixture.write(
      'apps/notifier/service.json',
      JSON.stringify({ name: 'notifier', kind: 'web', description: 'sends notices', port: 3010, http: { paths: ['/notifier/*'], priority: 100 }, health: { path: '/notifier/healthz' }, cpu: 256, memoryMiB: 512 }),
    );
    fixture.commitAll('notifier');
    const result = await plan();
    expect(result.images.map((i) => [i.project, i.repository])).toEqual([['notifier', 'fargate-platform/notifier']]);
    expect(stacksByEnv(result)).toEqual(everyEnv(['registry', 'svc-notifier']));
    expect(result.environments[0].stacks.map((s) => s.layer)).toEqual([0, 1]);
  });

  it('a removed service: its stack is destroyed first, then the registry drops its repository and the table alarms follow', async () => {
    fixture.branchFromBase('removed-service');
    fixture.git('rm', '-q', '-r', 'apps/worker');
    fixture.commitAll('remove worker');
    const result = await plan();
    expect(result.images).toEqual([]);
    expect(result.environments[0].stacks).toEqual([
      { name: 'svc-worker', reasons: ['worker'], action: 'destroy', layer: 0 },
      { name: 'registry', reasons: ['worker'], action: 'apply', layer: 1 },
      // The table alarms watch the operations the services call: without the worker, fewer.
      { name: 'monitoring', reasons: ['service catalog'], action: 'apply', layer: 1 },
    ]);
  });

  it('refuses an image project without a manifest, naming it: it would be built and never deployed', async () => {
    fixture.branchFromBase('no-manifest');
    fixture.write('apps/mailer/project.json', JSON.stringify({ name: 'mailer', tags: ['type:app', 'deploy:image'], targets: {} }));
    fixture.write('apps/mailer/src/main.ts', 'export const mail = true;\n');
    fixture.commitAll('mailer without manifest');
    await expect(plan()).rejects.toThrow(
      'the service catalog is not valid: apps/mailer: project mailer is tagged "deploy:image" but has no service.json, so nothing would deploy its image',
    );
  });
});
