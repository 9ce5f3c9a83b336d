import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadWorkflow, REPO_ROOT, workflowFiles } from '../src';
import { newWorld, run } from './deploy-harness';

const SETTINGS = path.join(REPO_ROOT, '.github/environments.json');
const settings = JSON.parse(readFileSync(SETTINGS, 'utf8')).environments as Record<string, { branches: string[] | null; reviewers: string[]; secrets?: string[]; variables?: string[] }>;
const REPO = 'repos/acme/platform/environments';

describe('.github/environments.json', () => {
  it('lists every GitHub environment a workflow job names, and the plan environment of each', () => {
    const named = workflowFiles()
      .map(loadWorkflow)
      .flatMap((w) => Object.values(w.jobs).map((j) => j.environment))
      .filter((e): e is string => typeof e === 'string' && !e.includes('${{'));
    const deployed = ['dev', 'staging', 'prod', 'preview'];
    expect(Object.keys(settings).sort()).toEqual([...deployed, ...deployed.map((e) => `${e}-plan`)].sort());
    for (const e of named) expect(Object.keys(settings)).toContain(e);
  });

  it('lets only main deploy dev, staging and prod (and plan for them), with reviewers on staging and prod', () => {
    for (const [name, s] of Object.entries(settings)) {
      if (!name.startsWith('preview')) expect([name, s.branches]).toEqual([name, ['main']]);
      expect(s.secrets).toContain('PLAN_ENCRYPTION_KEY');
    }
    for (const name of ['staging', 'prod']) expect(settings[name].reviewers.length).toBeGreaterThan(0);
  });
});

describe('github-settings.sh check', () => {
  const file = (world: { dir: string }) => {
    const f = path.join(world.dir, 'environments.json');
    writeFileSync(f, JSON.stringify({ environments: { prod: settings.prod } }));
    return f;
  };
  const answers = (policy: object | null, branches: string) => ({
    [`api ${REPO}/prod`]: { deployment_branch_policy: policy, protection_rules: [{ type: 'required_reviewers' }] },
    [`api ${REPO}/prod/deployment-branch-policies --jq [.branch_policies[].name] | sort | join(",")`]: branches,
    [`api ${REPO}/prod/secrets/PLAN_ENCRYPTION_KEY --silent`]: '',
    [`api ${REPO}/prod/variables/AWS_APPLY_ROLE_ARN --silent`]: '',
  });

  it('passes when the environment matches', () => {
    const world = newWorld();
    writeFileSync(path.join(world.dir, 'gh.json'), JSON.stringify(answers({ protected_branches: false, custom_branch_policies: true }, 'main')));
    const r = run(world, 'github-settings.sh', ['check', file(world)], { GITHUB_REPOSITORY: 'acme/platform' });
    expect([r.status, r.stdout.trim()]).toEqual([0, 'GitHub environments match environments.json']);
  });

  it('reports prod open to every branch, and a missing secret, one line each', () => {
    const world = newWorld();
    const drifted: Record<string, unknown> = answers(null, '');
    delete drifted[`api ${REPO}/prod/secrets/PLAN_ENCRYPTION_KEY --silent`];
    writeFileSync(path.join(world.dir, 'gh.json'), JSON.stringify(drifted));
    const r = run(world, 'github-settings.sh', ['check', file(world)], { GITHUB_REPOSITORY: 'acme/platform' });
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toEqual([
      '::error::environment prod: deployment branches are not restricted (want only main)',
      "::error::environment prod: deployment branches are '', want 'main'",
      '::error::environment prod: secrets PLAN_ENCRYPTION_KEY is not set',
    ]);
  });
});

describe('mark-deployed.sh', () => {
  const sha = 'a'.repeat(40);
  it('creates deployed/<env> on the first deploy and moves it afterwards', () => {
    const world = newWorld();
    const create = `api --method POST repos/acme/platform/git/refs -f ref=refs/tags/deployed/prod -f sha=${sha} --silent`;
    const move = `api --method PATCH repos/acme/platform/git/refs/tags/deployed/prod -f sha=${sha} -F force=true --silent`;
    writeFileSync(path.join(world.dir, 'gh.json'), JSON.stringify({ [create]: '' })); // the tag does not exist yet: 404
    expect(run(world, 'mark-deployed.sh', ['prod', sha], { GITHUB_REPOSITORY: 'acme/platform' }).status).toBe(0);
    writeFileSync(path.join(world.dir, 'gh.json'), JSON.stringify({ 'api repos/acme/platform/git/ref/tags/deployed/prod --silent': '', [move]: '' }));
    expect(run(world, 'mark-deployed.sh', ['prod', sha], { GITHUB_REPOSITORY: 'acme/platform' }).status).toBe(0);
    const calls = readFileSync(path.join(world.dir, 'calls.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).args.slice(0, 3).join(' '));
    expect(calls).toEqual([
      'api repos/acme/platform/git/ref/tags/deployed/prod --silent',
      'api --method POST',
      'api repos/acme/platform/git/ref/tags/deployed/prod --silent',
      'api --method PATCH',
    ]);
    expect(run(world, 'mark-deployed.sh', ['prod', 'main'], { GITHUB_REPOSITORY: 'acme/platform' }).status).toBe(1);
  });
});
