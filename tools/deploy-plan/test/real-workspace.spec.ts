import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeDeployPlan } from '../src/deploy-plan-command';
import { runNxProbe } from '../src/nx/run-nx-probe';
import { IMAGE_TAG, STACK_TAG } from '../src/plan/conventions';
import type { DeployPlan } from '../src/plan/deploy-plan';
import { headCatalog } from '../src/plan/service-catalogs';
import { FixtureWorkspace, REPO_ROOT } from './fixture-workspace';

/**
 * Deploy scenarios on a clone of this repository: its real stacks, their dependencies (a service
 * stack reads network, registry, data and edge; monitoring reads edge and data), its catalog and
 * imports. Each scenario is one commit on a branch from the clone's HEAD; expectations about
 * services come from the catalog, so a new service is covered without editing this file.
 */
const SERVICES = headCatalog(REPO_ROOT).services.map((s) => s.name);
const SERVICE_STACKS = SERVICES.map((s) => `svc-${s}`);
const ALL_STACKS = ['state', 'network', 'registry', 'data', 'edge', ...SERVICE_STACKS, 'monitoring'];
const ENVS = ['dev', 'staging', 'prod'];

const stacksByEnv = (plan: DeployPlan) => Object.fromEntries(plan.environments.map((e) => [e.name, e.stacks.map((s) => s.name)]));
const everyEnv = (stacks: string[]) => Object.fromEntries(ENVS.map((env) => [env, stacks]));
const images = (plan: DeployPlan) => plan.images.map((i) => i.project);

describe('deploy plan on a clone of this repository', () => {
  let repo: FixtureWorkspace;
  const plan = () => computeDeployPlan({ cwd: repo.dir, base: repo.baseCommit });

  beforeAll(() => {
    repo = FixtureWorkspace.cloneOfRepository();
  });
  afterAll(() => repo.remove());

  it("apps/api: the api image and the api's stack in each environment, nothing else", async () => {
    repo.change('api', { 'apps/api/src/main.ts': '// changed\n' });
    const result = await plan();
    expect(images(result)).toEqual(['api']);
    expect(result.images[0]).toEqual({
      project: 'api',
      dockerfile: 'apps/api/Dockerfile',
      repository: 'fargate-platform/api',
      tag: expect.stringMatching(/^nx-\d+$/),
    });
    expect(stacksByEnv(result)).toEqual(everyEnv(['svc-api']));
    expect(result.environments.every((e) => e.stacks[0].reasons.join() === 'api')).toBe(true);
  });

  it('a test of the api only: no image (its build inputs exclude tests, so the tag stays), no stack', async () => {
    repo.change('api-test', { 'apps/api/test/health.extra.spec.ts': "it('runs', () => undefined);\n" });
    expect(await plan()).toEqual({ images: [], environments: ENVS.map((name) => ({ name, stacks: [] })) });
  });

  it('the worker Dockerfile: the worker image and the stack that deploys it', async () => {
    repo.change('worker-dockerfile', { 'apps/worker/Dockerfile': '# changed\n' });
    const result = await plan();
    expect(images(result)).toEqual(['worker']);
    expect(stacksByEnv(result)).toEqual(everyEnv(['svc-worker']));
  });

  it("the worker's manifest: the worker's stack alone, no image", async () => {
    repo.branchFromBase('worker-manifest');
    const manifest = JSON.parse(readFileSync(join(repo.dir, 'apps/worker/service.json'), 'utf8'));
    manifest.scaling.backlogPerTask += 1;
    repo.write('apps/worker/service.json', `${JSON.stringify(manifest, null, 2)}\n`);
    repo.commitAll('worker manifest');
    const result = await plan();
    expect(images(result)).toEqual([]);
    expect(stacksByEnv(result)).toEqual(everyEnv(['svc-worker']));
  });

  it('libs/shared table definitions: every image, data, every service stack and monitoring (its alarms cover every table)', async () => {
    repo.change('tables', { 'libs/shared/src/definitions/tables.ts': '// changed\n' });
    const result = await plan();
    expect(images(result)).toEqual([...SERVICES].sort());
    // state, network, registry and edge import shared code only through constructs that do not use tables.ts.
    expect(stacksByEnv(result)).toEqual(everyEnv(['data', ...SERVICE_STACKS, 'monitoring']));
    expect(result.environments[0].stacks.every((s) => s.reasons.join() === 'shared')).toBe(true);
  });

  it('one infra module: the stack using it, then the stacks that read its outputs; no image', async () => {
    repo.change('network-module', { 'infra/modules/src/network.ts': '// changed\n' });
    const result = await plan();
    expect(images(result)).toEqual([]);
    expect(stacksByEnv(result)).toEqual(everyEnv(['network', 'edge', ...SERVICE_STACKS, 'monitoring']));
    expect(result.environments[0].stacks.map((s) => s.layer)).toEqual([0, 1, ...SERVICE_STACKS.map(() => 2), 2]);
  });

  it('a module only the monitoring stack uses: monitoring alone', async () => {
    repo.change('environment-alarms', { 'infra/modules/src/environment-alarms.ts': '// changed\n' });
    expect(stacksByEnv(await plan())).toEqual(everyEnv(['monitoring']));
  });

  it('the module of the shared ALB: edge, then every service stack and monitoring, which read it', async () => {
    repo.change('alb-module', { 'infra/modules/src/shared-load-balancer.ts': '// changed\n' });
    expect(stacksByEnv(await plan())).toEqual(everyEnv(['edge', ...SERVICE_STACKS, 'monitoring']));
  });

  it('infra/config for prod only: every prod stack (config reaches them all through the app), no other environment', async () => {
    repo.change('prod-config', { 'infra/config/src/environments/prod.ts': '// changed\n' });
    const result = await plan();
    expect(images(result)).toEqual([]);
    expect(stacksByEnv(result)).toEqual({ dev: [], staging: [], prod: ALL_STACKS });
  });

  it('the CDKTF app that wires the stacks together: every stack of every environment', async () => {
    repo.change('platform', { 'infra/platform.ts': '// changed\n' });
    const result = await plan();
    expect(images(result)).toEqual([]);
    expect(stacksByEnv(result)).toEqual(everyEnv(ALL_STACKS));
  });

  it('docs and the README: nothing', async () => {
    repo.change('docs', { 'README.md': 'more\n', 'docs/deploying.md': 'more\n' });
    expect(await plan()).toEqual({ images: [], environments: ENVS.map((name) => ({ name, stacks: [] })) });
  });

  it.each(['package-lock.json', 'nx.json'])('%s: every image and every stack, in dependency order', async (file) => {
    repo.branchFromBase(file);
    const json = JSON.parse(readFileSync(join(repo.dir, file), 'utf8'));
    if (file === 'package-lock.json') json.packages[''].version = '0.0.1';
    else json.parallel = (json.parallel ?? 1) + 1;
    repo.write(file, `${JSON.stringify(json, null, 2)}\n`);
    repo.commitAll(file);
    const result = await plan();
    expect(images(result)).toEqual([...SERVICES].sort());
    expect(stacksByEnv(result)).toEqual(everyEnv(ALL_STACKS));
    expect(result.environments[0].stacks[0].reasons).toEqual([file]);
  });

  it('image tags: the same commit planned twice gives the same tags; an unchanged app keeps its tag', async () => {
    repo.change('tags', { 'apps/worker/src/main.ts': '// changed\n' });
    const first = await plan();
    const second = await plan();
    expect(second.images).toEqual(first.images);
    const hashesAt = async (commit: string) => {
      repo.git('checkout', '-q', commit);
      return (await runNxProbe(repo.dir, { base: commit, head: commit, imageTag: IMAGE_TAG, stackTag: STACK_TAG })).buildHashes;
    };
    const head = repo.git('rev-parse', 'HEAD');
    const facts = { buildHashes: await hashesAt(head) };
    const atBase = { buildHashes: await hashesAt(repo.baseCommit) };
    expect(first.images.map((i) => i.tag)).toEqual([`nx-${facts.buildHashes.worker}`]);
    expect(facts.buildHashes.api).toBe(atBase.buildHashes.api);
    expect(facts.buildHashes.worker).not.toBe(atBase.buildHashes.worker);
  });

  it("the api's build inputs (so its tag) cover its Dockerfile, its sources, libs/shared and the lockfile, not its tests", async () => {
    repo.branchFromBase('inputs');
    const facts = await runNxProbe(repo.dir, { base: repo.baseCommit, head: 'HEAD', imageTag: IMAGE_TAG, stackTag: STACK_TAG });
    const inputs = facts.inputFiles.build.api;
    for (const file of ['apps/api/Dockerfile', 'apps/api/src/main.ts', 'libs/shared/src/definitions/tables.ts', 'package-lock.json']) {
      expect(inputs).toContain(file);
    }
    expect(inputs.filter((file) => file.startsWith('apps/api/test/') || file.endsWith('.spec.ts'))).toEqual([]);
    expect(inputs.filter((file) => file.startsWith('apps/worker/'))).toEqual([]);
  });
});
