import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { ENVIRONMENT_NAMES } from '@platform/infra-config';
import { loadCatalog } from '@platform/service-catalog';
import { computeDeployPlan } from '../src/deploy-plan-command';
import { renderGithubMatrix } from '../src/render/render-github-matrix';
import { FixtureWorkspace } from './fixture-workspace';

/**
 * `nx affected` / `nx run-many` with the real targets, in a clone of this repository (the clone
 * runs its own committed copy of the tools). DEPLOY_PLAN_DRY_RUN=1 and --dry-run: the wrapped CLIs
 * (docker, cdktf) are printed, never run; synth is real (no AWS needed).
 */
const run = promisify(execFile);
const ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', DEPLOY_PLAN_DRY_RUN: '1' };

describe('Nx targets on a clone of this repository', () => {
  let repo: FixtureWorkspace;
  beforeAll(() => {
    repo = FixtureWorkspace.cloneOfRepository();
  });
  afterAll(() => repo.remove());

  const nx = async (args: string[]) => {
    const { stdout } = await run('npx', ['nx', ...args, '--output-style=static'], { cwd: repo.dir, env: ENV, timeout: 170_000 });
    return stripVTControlCharacters(stdout);
  };
  const range = () => ['--base', repo.baseCommit, '--head', 'HEAD'];
  const catalogServiceNames = () =>
    loadCatalog({ workspaceRoot: repo.dir, environmentNames: ENVIRONMENT_NAMES })
      .services.map((service) => service.name)
      .sort();
  const dockerBuilds = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('docker build ')).sort();
  const expectedBuilds = async () =>
    (await computeDeployPlan({ cwd: repo.dir, base: repo.baseCommit })).images
      .map((i) => `docker build -f ${i.dockerfile} -t ${i.repository}:${i.tag} .`)
      .sort();

  // --exclude-task-dependencies: skip the esbuild build this target depends on; the tag is the
  // hash of that build's inputs, known without running it.
  const affectedDockerBuild = () => nx(['affected', '-t', 'docker-build', ...range(), '--exclude-task-dependencies', '--dry-run']);

  it('nx affected -t docker-build after an api change: exactly the api image, tagged as deploy:plan says', async () => {
    repo.change('api', { 'apps/api/src/main.ts': '// changed\n' });
    const builds = dockerBuilds(await affectedDockerBuild());
    expect(builds).toEqual(await expectedBuilds());
    expect(builds).toEqual([expect.stringMatching(/^docker build -f apps\/api\/Dockerfile -t fargate-platform\/api:nx-\d+ \.$/)]);
  }, 180_000);

  it('nx affected -t docker-build after a libs/shared change: every image (each app uses libs/shared)', async () => {
    repo.change('shared', { 'libs/shared/src/definitions/tables.ts': '// changed\n' });
    const builds = dockerBuilds(await affectedDockerBuild());
    expect(builds.map((b) => /-f apps\/([^/]+)\/Dockerfile/.exec(b)?.[1]).sort()).toEqual(catalogServiceNames());
    expect(builds).toEqual(await expectedBuilds());
  }, 180_000);

  it('nx affected -t docker-build after a docs change: nothing', async () => {
    repo.change('docs', { 'README.md': 'more\n' });
    expect(dockerBuilds(await affectedDockerBuild())).toEqual([]);
  }, 180_000);

  it('nx affected -t synth after an infra module change synthesizes every stack the plan applies', async () => {
    repo.change('network-synth', { 'infra/modules/src/network.ts': '// changed again\n' });
    // infra-app:synth is the whole-app synth (every stack into cdktf.out/); the per-stack targets are the subject.
    await nx(['affected', '-t', 'synth', ...range(), '--exclude=infra-app']);
    const synthesized = existsSync(join(repo.dir, 'cdktf.out/nx')) ? readdirSync(join(repo.dir, 'cdktf.out/nx')).sort() : [];
    // The service stacks are synthesized by their shared project (STACKS=svc).
    expect(existsSync(join(repo.dir, 'cdktf.out/nx/stack-service/stacks/prod-svc-api/cdk.tf.json'))).toBe(true);
    const plan = await computeDeployPlan({ cwd: repo.dir, base: repo.baseCommit });
    for (const env of plan.environments) {
      for (const stack of env.stacks) expect(synthesized).toContain(stack.name.startsWith('svc-') ? 'stack-service' : `stack-${stack.name}`);
    }
  }, 300_000);

  it('the GitHub matrix lists each environment\'s stacks in the planned order', async () => {
    repo.change('network-module', { 'infra/modules/src/network.ts': '// changed\n' });
    const plan = await computeDeployPlan({ cwd: repo.dir, base: repo.baseCommit, environments: ['prod'] });
    const [job] = JSON.parse(renderGithubMatrix(plan)).environments.include;
    const services = plan.environments[0].stacks.filter((s) => s.name.startsWith('svc-')).map((s) => s.name);
    expect(services.length).toBeGreaterThan(0);
    expect(job).toEqual({ environment: 'prod', stacks: ['network', 'edge', ...services, 'monitoring'].join(' '), destroys: '' });
  }, 180_000);
});
