import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { deployEnvironment, deployPlan, newWorld, run, synthesize, type World } from './deploy-harness';

const calls = (world: World) =>
  readFileSync(path.join(world.dir, 'calls.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { tool: string; args: string[] });

describe('drift-check.sh and drift-issue.sh', () => {
  function deployed(): World {
    const world = newWorld();
    synthesize(world, 'prod', [{ name: 'network', outputs: ['vpc_id'] }, { name: 'edge', reads: ['network.vpc_id'] }]);
    expect(deployEnvironment(world, 'prod', deployPlan(world, 'prod', [['network'], ['edge']])).ok).toBe(true);
    return world;
  }

  it('plans every stack of the environment with -detailed-exitcode; no drift closes the open issue', () => {
    const world = deployed();
    const summary = path.join(world.dir, 'drift.md');
    const r = run(world, 'drift-check.sh', ['prod', summary]);
    expect(r.status).toBe(0);
    expect(readFileSync(summary, 'utf8')).toContain('| edge | no changes |');
    const plans = calls(world).filter((c) => c.tool === 'terraform' && c.args[0] === 'plan' && c.args.includes('-detailed-exitcode'));
    expect(plans).toHaveLength(2);
    writeFileSync(path.join(world.dir, 'gh.json'), JSON.stringify({ 'issue list --label drift --state open --search "Drift in prod" in:title --json number,title --jq map(select(.title == "Drift in prod")) | .[0].number // empty': '7', 'issue close 7 --comment No drift any more: every stack of prod matches its code.': '' }));
    expect(run(world, 'drift-issue.sh', ['prod', summary, '0']).status).toBe(0);
    expect(calls(world).at(-1)!.args.slice(0, 2)).toEqual(['issue', 'close']);
  });

  it('reports a stack that differs and opens one issue, or updates the open one', () => {
    const world = deployed();
    synthesize(world, 'prod', [{ name: 'edge', reads: ['network.vpc_id'], resources: ['aws_lb.shared'] }]); // changed outside the last deploy
    const summary = path.join(world.dir, 'drift.md');
    const r = run(world, 'drift-check.sh', ['prod', summary]);
    expect(r.status).toBe(2);
    expect(readFileSync(summary, 'utf8')).toMatch(/\| edge \| \*\*differs\*\*: Plan: 2 to change\. \|/);
    const list = 'issue list --label drift --state open --search "Drift in prod" in:title --json number,title --jq map(select(.title == "Drift in prod")) | .[0].number // empty';
    writeFileSync(path.join(world.dir, 'gh.json'), JSON.stringify({ [list]: '', [`issue create --title Drift in prod --label drift --body-file ${summary}`]: '' }));
    expect(run(world, 'drift-issue.sh', ['prod', summary, '2']).status).toBe(0);
    writeFileSync(path.join(world.dir, 'gh.json'), JSON.stringify({ [list]: '7', [`issue edit 7 --body-file ${summary}`]: '' }));
    expect(run(world, 'drift-issue.sh', ['prod', summary, '2']).status).toBe(0);
    expect(calls(world).filter((c) => c.tool === 'gh' && c.args[0] === 'issue' && c.args[1] !== 'list').map((c) => c.args[1])).toEqual(['create', 'edit']);
  });
});

describe('rollback-plan.sh', () => {
  it('plans only the svc-<name> stacks of the named images, with their tags as synth overrides', () => {
    const world = newWorld();
    const r = run(world, 'rollback-plan.sh', ['prod', 'api=nx-1 worker-x=nx-2']);
    expect(r.status).toBe(0);
    const out = Object.fromEntries(r.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    expect(out['image-tags']).toBe('API_IMAGE_TAG=nx-1 WORKER_X_IMAGE_TAG=nx-2');
    expect(JSON.parse(out.plan).environments[0].stacks.map((s: { name: string; layer: number }) => [s.name, s.layer])).toEqual([
      ['svc-api', 0],
      ['svc-worker-x', 0],
    ]);
  });

  it.each(['api=latest', 'api', 'API=nx-1', 'api=nx 1'])('refuses %p', (spec) => {
    expect(run(newWorld(), 'rollback-plan.sh', ['prod', spec]).status).toBe(1);
  });
});

describe('manifest-plan.sh', () => {
  it('layers every stack of one environment by its manifest dependencies', () => {
    const world = newWorld();
    const manifest = {
      stacks: {
        'pr-7-edge': { dependencies: ['dev-network'] },
        'pr-7-svc-api': { dependencies: ['pr-7-edge', 'dev-data'] },
        'pr-7-svc-jobs': { dependencies: ['pr-7-svc-api'] },
        'dev-network': { dependencies: [] },
      },
    };
    writeFileSync(path.join(world.out, 'manifest.json'), JSON.stringify(manifest));
    const r = run(world, 'manifest-plan.sh', ['pr-7']);
    expect(JSON.parse(r.stdout).environments[0].stacks.map((s: { name: string; layer: number }) => `${s.name}@${s.layer}`)).toEqual(['edge@0', 'svc-api@1', 'svc-jobs@2']);
  });
});

describe('destroy-preview.sh', () => {
  it('destroys only the preview stacks that were created, and deletes their state', () => {
    const world = newWorld();
    synthesize(world, 'pr-7', [{ name: 'edge', outputs: ['url'] }, { name: 'svc-api', reads: ['edge.url'] }]);
    expect(deployEnvironment(world, 'pr-7', deployPlan(world, 'pr-7', [['edge']])).ok).toBe(true); // svc-api never deployed
    const r = run(world, 'destroy-preview.sh', ['pr-7'], { SKIP_SYNTH: '1', STATE_BUCKET: 'fargate-platform-tfstate-dev-111111111111' });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('pr-7-svc-api has no state: never created, nothing to destroy');
    const after = calls(world)
      .slice(calls(world).findLastIndex((c) => c.args[0] === 'apply') - 1)
      .filter((c) => !['init', 'state'].includes(c.args[0]));
    expect(after.map((c) => `${c.tool} ${c.args.slice(0, 2).join(' ')}`)).toEqual(['terraform plan -destroy', 'terraform apply -input=false', 'aws s3 rm']);
    expect(after[2].args[2]).toBe('s3://fargate-platform-tfstate-dev-111111111111/pr-7/edge.tfstate');
  });

  it('refuses anything but a preview', () => {
    expect(run(newWorld(), 'destroy-preview.sh', ['prod'], { SKIP_SYNTH: '1', STATE_BUCKET: 'b' }).status).toBe(1);
  });
});
