import * as path from 'node:path';
import { loadWorkflow, needsOf, REPO_ROOT, steps, workflowFiles, type Job, type Workflow } from '../src';

const workflows = workflowFiles().map(loadWorkflow);
const byName = (name: string): Workflow => workflows.find((w) => path.basename(w.file) === name)!;
const deploy = byName('deploy-environment.yml');
const layer = byName('deploy-layer.yml');
const layerJobs = Object.keys(deploy.jobs).filter((j) => /^layer-\d+$/.test(j));
const stepOf = (job: Job | undefined, fragment: string) => (job?.steps ?? []).find((s) => (s.run ?? '').includes(fragment) || (s.uses ?? '').includes(fragment));

describe('deploy-environment.yml: layer by layer', () => {
  it('has one job per layer, each after the one before and only while the plan has that many layers', () => {
    expect(layerJobs.length).toBeGreaterThanOrEqual(6);
    const max = /if \[ "\$layers" -gt (\d+) \]/.exec(stepOf(deploy.jobs.prepare, 'layer-stacks.sh')?.run ?? '')?.[1];
    expect(Number(max)).toBe(layerJobs.length); // more layers than jobs is an error, never a silent cut
    layerJobs.forEach((job, n) => {
      const def = deploy.jobs[job];
      expect([job, def.uses, def.with?.layer]).toEqual([job, './.github/workflows/deploy-layer.yml', n]);
      expect([job, needsOf(def)]).toEqual([job, n === 0 ? ['prepare'] : ['prepare', `layer-${n - 1}`]]);
      expect([job, def.if]).toEqual([job, `success() && fromJSON(needs.prepare.outputs.layers) > ${n}`]);
    });
  });

  it("adds the stacks of removed services from the base's synth after the synth and before the pre-flight; main.yml's plans carry that base", () => {
    const prepare = (deploy.jobs.prepare.steps ?? []).map((x) => x.run ?? '');
    const at = (fragment: string) => prepare.findIndex((r) => r.includes(fragment));
    expect(at('synth-removed-stacks.sh')).toBeGreaterThan(at('npm run synth'));
    expect(at('synth-removed-stacks.sh')).toBeLessThan(at('preflight.sh'));
    expect(deploy.jobs.prepare.steps?.[0].with?.['fetch-depth']).toBe(0); // the base commit is in the clone
    expect(stepOf(byName('main.yml').jobs.verify, 'deploy:plan')?.run).toContain("--arg base \"$base\" '{images, base: $base,");
  });

  it('runs the pre-flight before the first layer', () => {
    expect(stepOf(deploy.jobs.prepare, 'preflight.sh')).toBeDefined();
    expect(needsOf(deploy.jobs['layer-0'])).toEqual(['prepare']);
  });

  it('moves deployed/<env> only after every layer that ran succeeded; only that job may write', () => {
    const record = deploy.jobs.record;
    expect(needsOf(record)).toEqual(['prepare', ...layerJobs]);
    expect(record.if).toContain("!contains(needs.*.result, 'failure')");
    expect(record.permissions).toEqual({ 'contents': 'write' });
    expect(stepOf(record, 'mark-deployed.sh')).toBeDefined();
    for (const [name, job] of Object.entries({ ...deploy.jobs, ...layer.jobs })) {
      if (name !== 'record' && typeof job.permissions === 'object') expect([name, job.permissions.contents ?? 'read']).toEqual([name, 'read']);
    }
  });
});

describe('deploy-layer.yml: apply exactly what was reviewed', () => {
  it('the apply job waits for the environment approval and gets the review from the plan job', () => {
    expect(needsOf(layer.jobs.apply)).toEqual(['plan']);
    expect(layer.jobs.apply.environment).toBe('${{ inputs.github-environment }}');
    expect(layer.jobs.plan.outputs?.review).toBe('${{ steps.plan.outputs.review }}');
    const apply = stepOf(layer.jobs.apply, 'apply-layer.sh');
    expect(apply?.env?.REVIEW).toBe('${{ needs.plan.outputs.review }}');
    expect(apply?.env?.PLAN_ENCRYPTION_KEY).toBe('${{ secrets.PLAN_ENCRYPTION_KEY }}');
    const runs = (layer.jobs.apply.steps ?? []).map((s) => s.run ?? '');
    expect(runs.findIndex((r) => r.includes('smoke-layer.sh'))).toBeGreaterThan(runs.findIndex((r) => r.includes('apply-layer.sh')));
  });

  it('keys the plans to the run attempt, keeps them for the longest approval wait', () => {
    const upload = stepOf(layer.jobs.plan, 'actions/upload-artifact@');
    const download = stepOf(layer.jobs.apply, 'actions/download-artifact@');
    expect(upload?.with?.name).toContain('${{ github.run_attempt }}');
    expect(download?.with?.name).toBe(upload?.with?.name);
    expect(upload?.with?.['retention-days']).toBeGreaterThanOrEqual(30);
    expect(String(upload?.with?.path)).not.toMatch(/\.tfplan\b(?!\.gpg)/);
  });

  it('the destroy guard runs on every deploy: main passes allow-destroy only from its dispatch input', () => {
    expect(stepOf(layer.jobs.plan, 'plan-layer.sh')?.env?.ALLOW_DESTROY).toBe('${{ inputs.allow-destroy }}');
    const main = byName('main.yml');
    for (const env of ['dev', 'staging', 'prod']) {
      expect(main.jobs[`deploy-${env}`].with?.['allow-destroy']).toBe('${{ inputs.allow-destroy == true }}');
    }
  });
});

describe('every workflow', () => {
  it('checks out without persisting the token', () => {
    const persisted = workflows.flatMap((w) =>
      [...steps(w)].filter(({ step }) => step.uses?.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false).map(({ job }) => `${path.relative(REPO_ROOT, w.file)} ${job}`),
    );
    expect(persisted).toEqual([]);
  });

  it('main.yml plans each environment from what it last deployed', () => {
    expect(stepOf(byName('main.yml').jobs.verify, 'set-shas.sh env "$env"')).toBeDefined();
  });
});

describe('pull-request.yml in the merge queue', () => {
  it('runs on merge_group too, with a base and a concurrency group that exist there', () => {
    const pr = byName('pull-request.yml');
    expect(pr.on).toHaveProperty('merge_group');
    expect(String((pr as unknown as { concurrency: { group: string } }).concurrency.group)).toContain('|| github.ref');
    for (const job of ['verify', 'secret-scan']) expect(stepOf(pr.jobs[job], 'set-shas.sh pr')?.run).toContain("github.base_ref || 'main'");
  });
});

describe('pull-request.yml validates and scans the synthesized stacks', () => {
  const verify = byName('pull-request.yml').jobs.verify;
  it('runs terraform-validate (required: a missing CLI is an error) and a pinned checkov', () => {
    expect(stepOf(verify, 'terraform:validate -- --require')).toBeDefined();
    const checkov = stepOf(verify, 'checkov --config-file .checkov.yaml');
    expect(checkov?.run).toContain('"checkov==$CHECKOV_VERSION"');
    expect(checkov?.env?.CHECKOV_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('every skipped checkov check has its reason in docs/policy.md', () => {
    const { readFileSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
    const skips = [...readFileSync(path.join(REPO_ROOT, '.checkov.yaml'), 'utf8').matchAll(/^\s+-\s+(CKV2?_[A-Z0-9_]+)/gm)].map((m) => m[1]);
    expect(skips.length).toBeGreaterThan(0);
    const policy = readFileSync(path.join(REPO_ROOT, 'docs/policy.md'), 'utf8');
    const documented = (id: string) => new RegExp(`^\\| \`${id}\` \\| [^|]+ \\| [^|]{10,} \\|$`, 'm').test(policy);
    expect(skips.filter((id) => !documented(id))).toEqual([]);
    expect(documented('CKV_AWS_1')).toBe(false); // a skip without a row is caught
  });
});
