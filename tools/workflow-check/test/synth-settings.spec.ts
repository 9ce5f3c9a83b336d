import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ENVIRONMENT_NAMES, environmentVariables } from '@platform/infra-config';
import { loadWorkflow, REPO_ROOT, stepEnv, workflowFiles, type Job, type Step, type Workflow } from '../src';

const workflows = workflowFiles().map(loadWorkflow);
const SYNTH = /\bnpm run synth\b|destroy-preview\.sh/;

function synthSteps(): Array<{ where: string; workflow: Workflow; job: Job; step: Step }> {
  return workflows.flatMap((workflow) =>
    Object.entries(workflow.jobs).flatMap(([name, job]) =>
      (job.steps ?? []).filter((s) => SYNTH.test(s.run ?? '')).map((step) => ({ where: `${path.relative(REPO_ROOT, workflow.file)} job ${name}`, workflow, job, step })),
    ),
  );
}

/** Every variable infra/config reads per environment, which synth must get from `vars`. */
function missingVars(env: Record<string, string>): string[] {
  return ENVIRONMENT_NAMES.flatMap((e) => environmentVariables(e)).filter((v) => env[v] !== `\${{ vars.${v} }}`);
}

describe('environment settings reach every synth from GitHub variables', () => {
  it('finds the synths of the deploy and plan workflows', () => {
    const where = synthSteps().map((s) => s.where);
    expect(where).toEqual(expect.arrayContaining(['.github/workflows/pull-request.yml job verify', '.github/workflows/main.yml job verify']));
    expect(where.length).toBeGreaterThanOrEqual(4);
  });

  it('passes every <ENV>_* variable as vars.<NAME> to each synth', () => {
    const problems = synthSteps().flatMap(({ where, workflow, job, step }) => missingVars(stepEnv(workflow, job, step)).map((v) => `${where}: ${v}`));
    expect(problems).toEqual([]);
  });

  it('a synth that feeds a deploy or plan asks infra/config to refuse placeholders', () => {
    const lax = synthSteps().filter(({ workflow, job, step }) => {
      const env = stepEnv(workflow, job, step);
      const script = /destroy-preview\.sh/.test(step.run ?? '') ? readFileSync(path.join(REPO_ROOT, '.github/scripts/destroy-preview.sh'), 'utf8') : '';
      return !(env.SYNTH_FOR_DEPLOY || env.DEPLOY_ENVIRONMENT || /DEPLOY_ENVIRONMENT="\$env" npm run synth/.test(script));
    });
    expect(lax.map((s) => s.where)).toEqual([]);
  });

  it('the check catches a synth without the variables (a violating case)', () => {
    expect(missingVars({ DEV_AWS_ACCOUNT_ID: '${{ vars.DEV_AWS_ACCOUNT_ID }}' })).toContain('PROD_CERTIFICATE_ARN');
    expect(missingVars({ DEV_AWS_ACCOUNT_ID: '111111111111' })).toContain('DEV_AWS_ACCOUNT_ID');
  });
});
