import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deployEnvironment, deployPlan, layersOf, newWorld, PLAN_KEY, run, steps, synthesize, type StackFixture, type World } from './deploy-harness';

const ENV = 'staging';
const ACCOUNT = '111111111111';
// the catalog's services (apps/<name>/service.json), each with an image; tags nx-1, nx-2, nx-3
const SERVICES = ['api', 'worker', 'purge-expired'];
const PEPPER = `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/fargate-platform/staging/api/key-pepper`;
const STACKS: StackFixture[] = [
  { name: 'network', outputs: ['vpc_id'] },
  {
    name: 'registry',
    outputs: SERVICES.map((name) => `${name.replace('-', '_')}_repo=${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/fargate-platform/${name}`),
    repositories: SERVICES.map((name) => `fargate-platform/${name}`),
  },
  { name: 'data', outputs: ['table_name'], resources: ['aws_dynamodb_table.scans'] },
  { name: 'edge', reads: ['network.vpc_id'], outputs: ['listener_arn', 'cluster_arn'] },
  { name: 'svc-api', reads: ['network.vpc_id', 'data.table_name', 'edge.listener_arn'], outputs: ['health-url'], secrets: [PEPPER], image: 'registry.api_repo:nx-1' },
  { name: 'svc-purge-expired', reads: ['data.table_name', 'edge.cluster_arn'], secrets: [], image: 'registry.purge_expired_repo:nx-3', resources: ['aws_cloudwatch_log_group.runs', 'aws_scheduler_schedule.purge'] },
  { name: 'svc-worker', reads: ['data.table_name', 'edge.cluster_arn'], secrets: [], image: 'registry.worker_repo:nx-2' },
  { name: 'monitoring', reads: ['edge.cluster_arn', 'data.table_name'] },
];
// the layers deploy:plan gives these stacks (infra/config's stack-names.ts)
const LAYERS = layersOf(STACKS.map((x) => x.name));
const IMAGES = SERVICES.map((name, i) => ({ project: name, dockerfile: `apps/${name}/Dockerfile`, repository: `fargate-platform/${name}`, tag: `nx-${i + 1}` }));

/** The images this run built, as docker-save archives (the stand-in reads `<repo>:<tag>`). */
function imageEnv(world: World, images = IMAGES): Record<string, string> {
  const dir = path.join(world.dir, 'images');
  mkdirSync(dir, { recursive: true });
  for (const i of images) writeFileSync(path.join(dir, `${i.project}.tar`), `${i.repository}:${i.tag}`);
  return { IMAGES_JSON: JSON.stringify(images), ALL_IMAGES_JSON: JSON.stringify(IMAGES), IMAGE_ARCHIVES: dir, ECR_REGISTRY: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com` };
}

function fromZero(): World {
  const world = newWorld({ ssm: ['/fargate-platform/staging/api/key-pepper'] });
  synthesize(world, ENV, STACKS);
  const deployment = deployEnvironment(world, ENV, deployPlan(world, ENV, LAYERS, IMAGES), imageEnv(world));
  expect([deployment.ok, deployment.failed, deployment.runs.map((r) => r.stderr).filter((e) => e.includes('::error::'))]).toEqual([true, undefined, []]);
  return world;
}

const s = (verb: string, ...names: string[]) => names.map((n) => `${verb} ${ENV}-${n}`);

// One environment, deployed from zero, then changed: the tests of this block run in order on it.
describe('an environment from zero, then a change that adds a cross-stack output', () => {
  let world: World;
  beforeAll(() => {
    world = fromZero();
  });

  it('plans each layer only after the layer before it is applied, and pushes an image right before its stack', () => {
    expect(steps(world).filter((x) => !x.startsWith('tag '))).toEqual([
      ...s('plan', 'network', 'registry', 'data'),
      ...s('apply', 'network', 'registry', 'data'),
      ...s('plan', 'edge'),
      ...s('apply', 'edge'),
      ...s('plan', 'svc-api', 'svc-purge-expired', 'svc-worker', 'monitoring'),
      'push fargate-platform/api:nx-1',
      ...s('apply', 'svc-api'),
      'push fargate-platform/purge-expired:nx-3',
      ...s('apply', 'svc-purge-expired'),
      'push fargate-platform/worker:nx-2',
      ...s('apply', 'svc-worker'),
      ...s('apply', 'monitoring'),
    ]);
    expect(LAYERS).toEqual([['network', 'registry', 'data'], ['edge'], ['svc-api', 'svc-purge-expired', 'svc-worker', 'monitoring']]);
  });

  it('tags the image each applied service runs deployed-<env>, right after its stack is applied', () => {
    const all = steps(world);
    expect(all.filter((x) => x.startsWith('tag '))).toEqual(['api', 'purge-expired', 'worker'].map((name) => `tag fargate-platform/${name}:deployed-staging`));
    expect(all.indexOf('tag fargate-platform/api:deployed-staging')).toBe(all.indexOf(`apply ${ENV}-svc-api`) + 1);
    const ecr = JSON.parse(readFileSync(path.join(world.dir, 'account.json'), 'utf8')).ecr;
    expect(ecr['fargate-platform/api']['deployed-staging']).toBe(ecr['fargate-platform/api']['nx-1']); // the same manifest
  });

  it('applies the producing stack of a new output before the consumer is planned, so the run does not break', () => {
    const before = steps(world).length;
    synthesize(world, ENV, [
      { name: 'edge', reads: ['network.vpc_id'], outputs: ['listener_arn', 'cluster_arn', 'https_listener_arn'] },
      { name: 'svc-api', reads: ['network.vpc_id', 'data.table_name', 'edge.https_listener_arn'], outputs: ['health-url'], secrets: [PEPPER], image: 'registry.api_repo:nx-1' },
    ]);
    const plan = deployPlan(world, ENV, layersOf(['edge', 'svc-api']));
    // the consumer planned before the producer is applied: what one up-front plan of both would hit
    expect(run(world, 'plan-layer.sh', [ENV, '1', plan, path.join(world.dir, 'early')]).stderr).toContain('no attribute named "https_listener_arn"');
    const deployment = deployEnvironment(world, ENV, plan, imageEnv(world, []));
    expect(deployment.ok).toBe(true);
    // image api is not rebuilt: pre-flight found its tag in ECR, and nothing is pushed again
    expect(steps(world).slice(before).filter((x) => !x.startsWith('tag '))).toEqual([
      ...s('plan', 'svc-api'),
      ...s('plan', 'edge'),
      ...s('apply', 'edge'),
      ...s('plan', 'svc-api'),
      ...s('apply', 'svc-api'),
    ]);
  });

  it("destroys a removed service's stack from the base's synth: planned -destroy first, reviewed by sha256, held by the destroy guard until allowed", () => {
    // staging last deployed a commit with purge-expired (the base's synth); this commit removed it
    const base = { dir: world.dir, out: path.join(world.dir, 'cdktf.out.base') };
    synthesize(base, ENV, STACKS);
    const manifestFile = path.join(world.out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    delete manifest.stacks[`${ENV}-svc-purge-expired`];
    writeFileSync(manifestFile, JSON.stringify(manifest));
    rmSync(path.join(world.out, 'stacks', `${ENV}-svc-purge-expired`), { recursive: true });
    const kept = SERVICES.filter((name) => name !== 'purge-expired');
    synthesize(world, ENV, [{ ...STACKS[1], outputs: STACKS[1].outputs!.filter((o) => !o.startsWith('purge_expired')), repositories: kept.map((name) => `fargate-platform/${name}`) }]);
    // deploy:plan: the destroy alone in layer 0, then the registry (its repository) and monitoring
    const layers = layersOf(['registry', 'monitoring'], ['svc-purge-expired']);
    expect(layers).toEqual([['svc-purge-expired:destroy'], ['registry', 'monitoring']]);
    const plan = deployPlan(world, ENV, layers);

    const before = steps(world).length;
    const stopped = deployEnvironment(world, ENV, plan, { BASE_CDKTF_OUT: base.out });
    expect(stopped.failed).toBe('plan 0');
    expect(stopped.runs[0].stderr).toContain(`added ${ENV}-svc-purge-expired from the base's synth, to destroy it`);
    expect(stopped.runs.at(-1)!.stderr).toContain('::error::staging layer 0 deletes or replaces stateful resources');
    expect(steps(world).slice(before)).toEqual([`plan -destroy ${ENV}-svc-purge-expired`]);

    const again = steps(world).length;
    const allowed = deployEnvironment(world, ENV, plan, { BASE_CDKTF_OUT: base.out, ALLOW_DESTROY: 'true' });
    expect([allowed.ok, allowed.failed]).toEqual([true, undefined]);
    const review = JSON.parse(allowed.runs[2].outputs.review);
    expect(review.stacks).toEqual([{ stack: 'svc-purge-expired', action: 'destroy', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), state: expect.any(Object) }]);
    expect(readFileSync(path.join(world.dir, 'step-summary.md'), 'utf8')).toContain(`| svc-purge-expired | destroy | \`${review.stacks[0].sha256}\` |`);
    // nothing pushed or tagged for the removed service; the registry then deletes its repository
    expect(steps(world).slice(again)).toEqual([
      `plan -destroy ${ENV}-svc-purge-expired`,
      `apply ${ENV}-svc-purge-expired`,
      ...s('plan', 'registry', 'monitoring'),
      ...s('apply', 'registry', 'monitoring'),
    ]);
    expect(allowed.runs.at(-2)!.stderr).toContain('::warning::staging layer 1 deletes or replaces stateful resources; allowed by ALLOW_DESTROY=true');
  });

  it('the destroy guard stops a plan that deletes a stateful resource before review, unless ALLOW_DESTROY=true', () => {
    const plan = deployPlan(world, ENV, [['data:destroy']]);
    const stopped = deployEnvironment(world, ENV, plan);
    expect(stopped.failed).toBe('plan 0');
    expect(stopped.runs.at(-1)!.stderr).toContain('::error::staging layer 0 deletes or replaces stateful resources');
    expect(steps(world).at(-1)).toBe(`plan -destroy ${ENV}-data`);
    const allowed = deployEnvironment(world, ENV, plan, { ALLOW_DESTROY: 'true' });
    expect(allowed.ok).toBe(true);
    expect(steps(world).slice(-2)).toEqual([`plan -destroy ${ENV}-data`, `apply ${ENV}-data`]);
  });
});

describe('planning a layer', () => {
  it('could not have planned the later layers up front: their upstream outputs do not exist yet', () => {
    const world = newWorld();
    synthesize(world, ENV, STACKS);
    const r = run(world, 'plan-layer.sh', [ENV, '1', deployPlan(world, ENV, LAYERS), path.join(world.dir, 'plans')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('Unsupported attribute: data.terraform_remote_state.ref-network.outputs has no attribute named "vpc_id"');
  });

  it('records each reviewed plan with its sha256 in the review and the job summary; the artifact holds no plaintext plan', () => {
    const world = newWorld();
    synthesize(world, ENV, STACKS);
    const plans = path.join(world.dir, 'plans');
    const r = run(world, 'plan-layer.sh', [ENV, '0', deployPlan(world, ENV, LAYERS), plans]);
    expect(r.status).toBe(0);
    const review = JSON.parse(r.outputs.review);
    expect(review).toMatchObject({ environment: ENV, layer: 0, attempt: 1 });
    expect(review.stacks.map((x: { stack: string }) => x.stack)).toEqual(['network', 'registry', 'data']);
    const summary = readFileSync(path.join(world.dir, 'step-summary.md'), 'utf8');
    for (const x of review.stacks) {
      expect(x.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(summary).toContain(`| ${x.stack} | apply | \`${x.sha256}\` |`);
      expect(readFileSync(path.join(plans, `${ENV}-${x.stack}.tfplan.gpg`)).toString('latin1')).not.toContain('"stack"');
    }
    expect(() => readFileSync(path.join(plans, `${ENV}-network.tfplan`))).toThrow(/ENOENT/);
  });
});

describe('applying exactly what was reviewed', () => {
  function planned(): { world: World; plans: string; review: string } {
    const world = newWorld();
    synthesize(world, ENV, STACKS);
    const plans = path.join(world.dir, 'plans');
    const r = run(world, 'plan-layer.sh', [ENV, '0', deployPlan(world, ENV, [['network']]), plans]);
    expect(r.status).toBe(0);
    return { world, plans, review: r.outputs.review };
  }
  const applies = (world: World) => steps(world).filter((x) => x.startsWith('apply'));

  it('refuses a plan whose sha256 is not the reviewed one, and applies nothing', () => {
    const { world, plans, review } = planned();
    // a swapped artifact, encrypted with the right key: only the digest tells it apart
    const forged = path.join(world.dir, 'forged.tfplan');
    writeFileSync(forged, JSON.stringify({ stack: `${ENV}-network`, serial: null, resources: [], outputs: [], changes: [] }));
    expect(run(world, 'plan-crypt.sh', ['encrypt', forged, path.join(plans, `${ENV}-network.tfplan.gpg`)]).status).toBe(0);
    const r = run(world, 'apply-layer.sh', [ENV, plans], { REVIEW: review });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/::error::staging-network: the plan is not the reviewed one \(sha256 [0-9a-f]{64}, reviewed [0-9a-f]{64}\): not applied/);
    expect(applies(world)).toEqual([]);
  });

  it('refuses a plan encrypted with another key', () => {
    const { world, plans, review } = planned();
    const r = run(world, 'apply-layer.sh', [ENV, plans], { REVIEW: review, PLAN_ENCRYPTION_KEY: `${PLAN_KEY}, but another` });
    expect(r.status).not.toBe(0);
    expect(applies(world)).toEqual([]);
  });

  it('a re-run attempt re-plans instead of applying the plans of the earlier attempt', () => {
    const { world, plans, review } = planned();
    const r = run(world, 'apply-layer.sh', [ENV, plans], { REVIEW: review, GITHUB_RUN_ATTEMPT: '2' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('reviewed in run attempt 1, this is attempt 2: re-run all jobs');
    expect(applies(world)).toEqual([]);
  });

  it('never applies a creation plan made on empty state twice', () => {
    const { world, plans, review } = planned();
    expect(run(world, 'apply-layer.sh', [ENV, plans], { REVIEW: review }).status).toBe(0);
    const again = run(world, 'apply-layer.sh', [ENV, plans], { REVIEW: review });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('::error::staging-network: the state moved since the review (planned on {"serial":null,"lineage":null}');
    expect(applies(world)).toEqual(s('apply', 'network'));
  });
});

describe('a failed layer stops the deploy', () => {
  const SMALL = [['registry', 'network'], ['edge'], ['svc-api', 'svc-worker']];
  const world = newWorld({ ssm: ['/fargate-platform/staging/api/key-pepper'] });
  synthesize(world, ENV, STACKS.filter((x) => SMALL.flat().includes(x.name)).map((x) => ({ ...x, reads: x.reads?.filter((r) => !r.startsWith('data.')) })));

  it('stops inside a layer at the first failed stack', () => {
    const deployment = deployEnvironment(world, ENV, deployPlan(world, ENV, SMALL, IMAGES), { ...imageEnv(world), STANDIN_FAIL_APPLY: `${ENV}-svc-api` });
    expect(deployment.failed).toBe('apply 2');
    expect(steps(world).slice(-2)).toEqual(['push fargate-platform/api:nx-1', `apply ${ENV}-svc-api`]);
  });

  it('applies nothing after a failed layer', () => {
    const deployment = deployEnvironment(world, ENV, deployPlan(world, ENV, SMALL.slice(1), IMAGES), { ...imageEnv(world), STANDIN_FAIL_APPLY: `${ENV}-edge` });
    expect(deployment.failed).toBe('apply 0');
    expect(steps(world).slice(-2)).toEqual([`plan ${ENV}-edge`, `apply ${ENV}-edge`]);
  });
});

describe('pre-flight', () => {
  it('names every missing secret parameter, image and the OIDC provider to import, one error line each', () => {
    const oidc = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
    const world = newWorld({ oidc: [oidc] });
    synthesize(world, ENV, [{ name: 'state', resources: ['aws_iam_openid_connect_provider.github_oidc'] }, ...STACKS]);
    const plan = deployPlan(world, ENV, layersOf(['state', ...LAYERS.flat()]));
    const deployment = deployEnvironment(world, ENV, plan, imageEnv(world, [IMAGES[1], IMAGES[2]]));
    expect(deployment.failed).toBe('preflight');
    const errors = deployment.runs[1].stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toEqual([
      `::error::staging-state: the account already has the GitHub OIDC provider ${oidc}, which the state stack would create again; import it first: (cd ${path.join(world.out, 'stacks/staging-state')} && terraform import aws_iam_openid_connect_provider.github_oidc ${oidc})`,
      '::error::staging-svc-api: SSM parameter /fargate-platform/staging/api/key-pepper does not exist; create it: aws ssm put-parameter --type SecureString --name /fargate-platform/staging/api/key-pepper --value <value>',
      '::error::staging-svc-api: image fargate-platform/api:nx-1 is not in ECR and this run does not build it; deploy from a base before the commit that built it (workflow input base)',
      '::error::pre-flight of staging: 3 problem(s) above; nothing was planned or applied',
    ]);
    expect(steps(world)).toEqual([]);
  });
});
