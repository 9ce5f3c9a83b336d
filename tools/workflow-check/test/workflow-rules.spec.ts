import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { hasVersionComment, isPinned, needsOf, loadWorkflow, localFilesCalled, npmScriptsCalled, remoteAction, REPO_ROOT, steps, workflowFiles, type Workflow } from '../src';

const workflows = workflowFiles().map(loadWorkflow);
const byName = (name: string): Workflow => {
  const w = workflows.find((x) => path.basename(x.file) === name);
  if (!w) throw new Error(`.github/workflows/${name} is missing`);
  return w;
};
const rel = (w: Workflow) => path.relative(REPO_ROOT, w.file);

/** Composite actions of .github/actions, as text. */
function localActions(): Array<{ file: string; text: string }> {
  const dir = path.join(REPO_ROOT, '.github/actions');
  return readdirSync(dir).map((name) => {
    const file = `.github/actions/${name}/action.yml`;
    return { file, text: readFileSync(path.join(REPO_ROOT, file), 'utf8') };
  });
}

/** Read at run time: scripts added to package.json later count at once. */
function rootScripts(): Set<string> {
  return new Set(Object.keys(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts ?? {}));
}

describe('every job calls only what exists in the repo', () => {
  it('npm run <script> names a script of the root package.json', () => {
    const scripts = rootScripts();
    const missing = workflows.flatMap((w) =>
      [...steps(w)].flatMap(({ job, step }) =>
        npmScriptsCalled(step.run ?? '')
          .filter((s) => !scripts.has(s))
          .map((s) => `${rel(w)} job ${job}: npm script "${s}" is not in package.json`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('scripts and files run from the checkout exist, and ./scripts are executable', () => {
    const problems = workflows.flatMap((w) =>
      [...steps(w)].flatMap(({ job, step }) =>
        localFilesCalled(step.run ?? '').flatMap((file) => {
          const full = path.join(REPO_ROOT, file);
          if (!existsSync(full)) return [`${rel(w)} job ${job}: ${file} does not exist`];
          try {
            if ((step.run ?? '').includes(`./${file}`)) accessSync(full, constants.X_OK);
            return [];
          } catch {
            return [`${rel(w)} job ${job}: ${file} is not executable`];
          }
        }),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('local reusable workflows exist and receive only inputs they declare, and every required one', () => {
    const problems: string[] = [];
    for (const w of workflows) {
      for (const [job, def] of Object.entries(w.jobs)) {
        if (!def.uses?.startsWith('./')) continue;
        const target = path.join(REPO_ROOT, def.uses);
        if (!existsSync(target)) {
          problems.push(`${rel(w)} job ${job}: ${def.uses} does not exist`);
          continue;
        }
        const call = (loadWorkflow(target).on.workflow_call ?? {}) as { inputs?: Record<string, { required?: boolean }> };
        const declared = call.inputs ?? {};
        const given = Object.keys(def.with ?? {});
        for (const input of given) if (!(input in declared)) problems.push(`${rel(w)} job ${job}: input ${input} is not declared by ${def.uses}`);
        for (const [input, spec] of Object.entries(declared)) {
          if (spec.required && !given.includes(input)) problems.push(`${rel(w)} job ${job}: required input ${input} of ${def.uses} is missing`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('recognises the forms it checks (so the checks above are not vacuous)', () => {
    expect(npmScriptsCalled('npm ci\nnpm run --silent deploy:plan -- --json\nnpm run synth && npm test')).toEqual(['deploy:plan', 'synth', 'test']);
    expect(localFilesCalled('./.github/scripts/a.sh x\nbash tools/b.sh\njq -f .github/scripts/c.jq f.json\necho $X ./$Y')).toEqual([
      '.github/scripts/a.sh',
      'tools/b.sh',
      '.github/scripts/c.jq',
    ]);
    const all = workflows.flatMap((w) => [...steps(w)].flatMap(({ step }) => npmScriptsCalled(step.run ?? '')));
    expect(new Set(all)).toEqual(new Set(['synth', 'policy:check', 'deploy:plan', 'plan:summary', 'secrets:scan', 'terraform:validate']));
  });
});

describe('no long-lived AWS keys', () => {
  it('no workflow passes access keys to any action or reads AWS secrets', () => {
    for (const w of workflows) {
      expect(w.text).not.toMatch(/aws-access-key-id|aws-secret-access-key|aws-session-token/);
      expect(w.text).not.toMatch(/secrets\.AWS_/);
    }
  });

  it('every AWS login is OIDC: role-to-assume from vars, with id-token: write on the job', () => {
    const problems: string[] = [];
    let logins = 0;
    for (const w of workflows) {
      for (const [job, def] of Object.entries(w.jobs)) {
        for (const step of def.steps ?? []) {
          if (!step.uses?.startsWith('aws-actions/configure-aws-credentials@')) continue;
          logins += 1;
          const role = String(step.with?.['role-to-assume'] ?? '');
          if (!/^\$\{\{.*\bvars\./.test(role)) problems.push(`${rel(w)} job ${job}: role-to-assume must come from vars.*, got "${role}"`);
          const perms = def.permissions ?? w.permissions;
          if (typeof perms !== 'object' || perms['id-token'] !== 'write') problems.push(`${rel(w)} job ${job}: needs permissions id-token: write`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(logins).toBeGreaterThanOrEqual(5);
  });

  it('workflows default to read-only contents', () => {
    for (const w of workflows) expect(w.permissions).toEqual({ contents: 'read' });
  });
});

describe('actions and concurrency', () => {
  it('pins every remote action to a full commit sha with its release in a comment', () => {
    const unpinned = workflows.flatMap((w) =>
      [...steps(w)].flatMap(({ job, step }) => {
        const action = step.uses ? remoteAction(step.uses) : null;
        return action && !isPinned(action.ref) ? [`${rel(w)} job ${job}: ${step.uses}`] : [];
      }),
    );
    expect(unpinned).toEqual([]);
    const texts = [...workflows.map((w) => ({ file: rel(w), text: w.text })), ...localActions()];
    const uncommented = texts.flatMap(({ file, text }) =>
      text.split('\n').filter((l) => /^\s*(-\s+)?uses:\s+[\w-]+\//.test(l) && !hasVersionComment(l)).map((l) => `${file}: ${l.trim()}`),
    );
    expect(uncommented).toEqual([]);
    expect(isPinned('main')).toBe(false);
    expect(isPinned('v4')).toBe(false);
    expect(isPinned('11bd71901bbe5b1630ceea73d27597364c9af683')).toBe(true);
    expect(hasVersionComment('uses: a/b@11bd71901bbe5b1630ceea73d27597364c9af683')).toBe(false);
  });

  it('installs Terraform only through the local action, at the version in .terraform-version', () => {
    for (const w of workflows) expect([rel(w), /hashicorp\/setup-terraform@/.test(w.text)]).toEqual([rel(w), false]);
    const action = localActions().find((a) => a.file === '.github/actions/setup-terraform/action.yml');
    expect(action?.text).toContain("tr -d '[:space:]' < .terraform-version");
    expect(action?.text).toContain('terraform_version: ${{ steps.version.outputs.version }}');
    const uses = workflows.flatMap((w) => [...steps(w)].filter(({ step }) => step.uses?.startsWith('./.github/actions/')).map(({ step }) => step.uses!));
    expect(uses.length).toBeGreaterThanOrEqual(4);
    for (const u of uses) expect(existsSync(path.join(REPO_ROOT, u, 'action.yml'))).toBe(true);
  });

  it('deploys one environment at a time, never cancelling a deploy in progress', () => {
    const main = byName('main.yml');
    const groups = ['dev', 'staging', 'prod'].map((env) => {
      const job = main.jobs[`deploy-${env}`];
      expect(job.uses).toBe('./.github/workflows/deploy-environment.yml');
      expect(job.with?.environment).toBe(env);
      expect(job.concurrency).toEqual({ group: `deploy-${env}`, 'cancel-in-progress': false });
      return (job.concurrency as { group: string }).group;
    });
    expect(new Set(groups).size).toBe(3);
  });

  it('promotes dev -> staging -> prod, each only after the one before succeeded', () => {
    const main = byName('main.yml');
    expect(needsOf(main.jobs['deploy-staging'])).toContain('deploy-dev');
    expect(needsOf(main.jobs['deploy-prod'])).toContain('deploy-staging');
    for (const job of ['deploy-staging', 'deploy-prod']) expect([job, main.jobs[job].if]).toEqual([job, 'success()']);
  });

  it('computes base/head from a full clone wherever set-shas.sh runs', () => {
    for (const w of workflows) {
      for (const [job, def] of Object.entries(w.jobs)) {
        const stepsOfJob = def.steps ?? [];
        if (!stepsOfJob.some((s) => (s.run ?? '').includes('set-shas.sh'))) continue;
        const checkout = stepsOfJob.find((s) => s.uses?.startsWith('actions/checkout@'));
        expect([`${rel(w)} ${job}`, checkout?.with?.['fetch-depth']]).toEqual([`${rel(w)} ${job}`, 0]);
      }
    }
  });

  it('tears previews down when the PR closes and on a schedule', () => {
    const preview = byName('preview.yml');
    expect((preview.on.pull_request as { types: string[] }).types).toContain('closed');
    expect(preview.on.schedule).toBeDefined();
    expect(preview.jobs.teardown.steps?.some((s) => (s.run ?? '').includes('destroy-preview.sh'))).toBe(true);
    expect(preview.jobs.cleanup.steps?.some((s) => (s.run ?? '').includes('destroy-preview.sh'))).toBe(true);
  });
});

describe('what each workflow must do', () => {
  const pr = byName('pull-request.yml');
  const runsOf = (w: Workflow, job: string) => (w.jobs[job]?.steps ?? []).map((s) => s.run ?? '');
  const usesOf = (w: Workflow, job: string) => (w.jobs[job]?.steps ?? []).map((s) => s.uses ?? '');

  it('verify jobs: npm ci with the npm cache, the Nx cache, affected lint/typecheck/test/build from set-shas', () => {
    for (const w of [pr, byName('main.yml')]) {
      const steps = w.jobs.verify.steps ?? [];
      expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.cache).toBe('npm');
      expect(runsOf(w, 'verify')).toContain('npm ci');
      expect(steps.find((s) => s.uses?.startsWith('actions/cache@'))?.with?.path).toBe('.nx/cache');
      const affected = steps.find((s) => /nx affected -t lint typecheck test build --base="\$BASE" --head="\$HEAD"/.test(s.run ?? ''));
      expect(affected?.env).toEqual({ BASE: '${{ steps.shas.outputs.base }}', HEAD: '${{ steps.shas.outputs.head }}' });
      expect(runsOf(w, 'verify')).toEqual(expect.arrayContaining(['npm run synth', 'npm run policy:check']));
    }
  });

  it('scans the pull request for secrets between the merge base and the head, annotating findings', () => {
    const step = (pr.jobs['secret-scan'].steps ?? []).find((s) => (s.run ?? '').includes('secrets:scan'));
    expect(step?.run).toMatch(/npm run --silent secrets:scan -- --base "\$BASE" --head "\$HEAD" --github/);
    expect(step?.env).toEqual({ BASE: '${{ steps.shas.outputs.base }}', HEAD: '${{ steps.shas.outputs.head }}' });
    expect(runsOf(pr, 'secret-scan').some((r) => r.includes('set-shas.sh pr'))).toBe(true);
    expect(existsSync(path.join(REPO_ROOT, '.secrets-scan-ignore'))).toBe(true);
  });

  it('plans with the read-only role per environment and stack, and edits one marked PR comment', () => {
    const role = (pr.jobs.plan.steps ?? []).find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))?.with?.['role-to-assume'];
    expect(role).toBe('${{ fromJSON(vars.AWS_PLAN_ROLE_ARNS)[matrix.environment] }}');
    const marker = /COMMENT_MARKER = '([^']+)'/.exec(readFileSync(path.join(REPO_ROOT, 'tools/plan-summary/src/render-markdown.ts'), 'utf8'))?.[1];
    expect(marker).toBe('<!-- plan-summary -->');
    const script = String((pr.jobs['plan-comment'].steps ?? []).find((s) => s.uses?.startsWith('actions/github-script@'))?.with?.script ?? '');
    expect(script).toContain(`const marker = '${marker}'`);
    expect(script).toMatch(/if \(mine\) \{\s*await github\.rest\.issues\.updateComment/);
    // the "nothing affected" fallback carries the marker too, so it is edited in place later
    expect(runsOf(pr, 'plan-comment').join('\n')).toContain(`printf '${marker}\\n`);
    expect(pr.jobs['plan-comment'].permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it('pushes images only through push-images.sh, which skips a tag already in ECR', () => {
    const push = readFileSync(path.join(REPO_ROOT, '.github/scripts/push-images.sh'), 'utf8');
    expect(push).toMatch(/aws ecr describe-images[^\n]*imageTag=\$tag/);
    expect(push).toMatch(/already in \$ECR_REGISTRY: skipped"\n\s*continue/);
    for (const w of workflows) expect([rel(w), /docker push/.test(w.text)]).toEqual([rel(w), false]);
  });

  it('every artifact upload may be repeated by a job re-run', () => {
    const missing = workflows.flatMap((w) =>
      [...steps(w)].filter(({ step }) => step.uses?.startsWith('actions/upload-artifact@') && step.with?.overwrite !== true).map(({ job }) => `${rel(w)} job ${job}`),
    );
    expect(missing).toEqual([]);
  });

  it('previews are opt-in by label', () => {
    const preview = byName('preview.yml');
    expect(String(preview.jobs.images.if)).toContain("contains(github.event.pull_request.labels.*.name, 'preview')");
    expect(usesOf(preview, 'teardown')).toEqual(expect.arrayContaining([expect.stringMatching(/^aws-actions\/configure-aws-credentials@/)]));
  });
});
