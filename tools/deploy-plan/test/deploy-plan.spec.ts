import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeDeployPlan } from '../src/deploy-plan-command';
import type { DeployPlan } from '../src/plan/deploy-plan';
import { FixtureWorkspace } from './fixture-workspace';

const ALL_STACKS = ['state', 'network', 'registry', 'data', 'service', 'monitoring'];

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

  it('a change in apps/api builds the api image and applies only the service stack of each environment', async () => {
    fixture.change('api', { 'apps/api/src/main.ts': 'export const port = 3000;\n' });
    const result = await plan();
    expect(result.images.map((i) => i.project)).toEqual(['api']);
    expect(result.images[0]).toMatchObject({
      dockerfile: 'apps/api/Dockerfile',
      repository: 'fargate-platform/api',
      tag: expect.stringMatching(/^nx-\d+$/),
    });
    expect(stacksByEnv(result)).toEqual(everyEnv(['service']));
    expect(result.environments[0].stacks[0].reasons).toEqual(['api']);
  });

  it('a change in the shared table definitions builds both images and applies data then service', async () => {
    fixture.change('shared-tables', { 'libs/shared/src/definitions/tables.ts': "export const TTL = 'expiresAt';\n" });
    const result = await plan();
    expect(result.images.map((i) => i.project)).toEqual(['api', 'worker']);
    expect(stacksByEnv(result)).toEqual(everyEnv(['data', 'service']));
    expect(result.environments[2].stacks.map((s) => s.reasons)).toEqual([['shared'], ['shared']]);
  });

  it('a change in one infra module applies only the stacks that use that module', async () => {
    fixture.change('network-module', { 'infra/modules/src/network.ts': 'export const NAT_PER_AZ = true;\n' });
    const result = await plan();
    expect(result.images).toEqual([]);
    expect(stacksByEnv(result)).toEqual(everyEnv(['network']));
    expect(result.environments[0].stacks[0].reasons).toEqual(['infra-modules']);
  });

  it('a module used through another module reaches every stack that uses either', async () => {
    fixture.change('log-group', { 'infra/modules/src/log-group.ts': 'export const RETENTION = 90;\n' });
    expect(stacksByEnv(await plan())).toEqual(everyEnv(['service', 'monitoring']));
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
});
