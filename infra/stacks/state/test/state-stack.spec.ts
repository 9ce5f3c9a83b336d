import { App, Testing } from 'cdktf';
import { loadEnvironment } from '@platform/infra-config';
import { StateStack } from '../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const synth = (stack: StateStack): any => JSON.parse(Testing.synth(stack));
const resources = (json: ReturnType<typeof synth>, type: string): ReturnType<typeof synth>[] => Object.values(json.resource[type] ?? {});

describe('StateStack', () => {
  it('holds the versioned, KMS-encrypted state bucket and the CI roles', () => {
    const json = synth(new StateStack(Testing.app() as App, { config: loadEnvironment('dev', {}) }));
    expect(resources(json, 'aws_s3_bucket')[0].bucket).toBe('fargate-platform-tfstate-dev-000000000000');
    expect(resources(json, 'aws_s3_bucket_versioning')[0].versioning_configuration.status).toBe('Enabled');
    expect(resources(json, 'aws_iam_role').map((r) => r.name).sort()).toEqual(['dev-github-apply', 'dev-github-plan', 'dev-github-preview']);
    expect(resources(json, 'aws_iam_openid_connect_provider')).toHaveLength(1);
    expect(Object.keys(json.output).sort()).toEqual(['apply-role-arn', 'plan-role-arn', 'preview-role-arn']);
  });

  it('has a preview deploy role in dev only (previews run in dev\'s account)', () => {
    for (const env of ['staging', 'prod'] as const) {
      const json = synth(new StateStack(Testing.app() as App, { config: loadEnvironment(env, {}) }));
      expect(resources(json, 'aws_iam_role').map((r) => r.name).sort()).toEqual([`${env}-github-apply`, `${env}-github-plan`]);
      expect(json.output['preview-role-arn']).toBeUndefined();
    }
  });

  it('migrates into its own bucket: S3 backend at <env>/state.tfstate by default', () => {
    const json = synth(new StateStack(Testing.app() as App, { config: loadEnvironment('prod', {}) }));
    expect(json.terraform.backend.s3).toMatchObject({ key: 'prod/state.tfstate', encrypt: true, use_lockfile: true });
  });

  it('bootstraps with local state when STATE_STACK_BACKEND=local', () => {
    const json = synth(new StateStack(Testing.app() as App, { config: loadEnvironment('dev', { STATE_STACK_BACKEND: 'local' }) }));
    expect(json.terraform.backend.s3).toBeUndefined();
    expect(json.terraform.backend.local.path).toBe('terraform.dev-state.tfstate');
  });

  it('trusts only the configured repository, its main branch and its own GitHub environment', () => {
    const json = synth(new StateStack(Testing.app() as App, { config: loadEnvironment('staging', { GITHUB_REPOSITORY: 'acme/platform' }) }));
    const apply = resources(json, 'aws_iam_role').find((r) => r.name === 'staging-github-apply');
    expect(JSON.parse(apply.assume_role_policy).Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/platform:environment:staging',
    ]);
    const plan = resources(json, 'aws_iam_role').find((r) => r.name === 'staging-github-plan');
    expect(JSON.parse(plan.assume_role_policy).Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/platform:pull_request',
      'repo:acme/platform:ref:refs/heads/main',
    ]);
  });
});

describe('StateStack with a wildcard repository', () => {
  it('is rejected before anything is synthesized', () => {
    expect(() => new StateStack(Testing.app() as App, { config: { ...loadEnvironment('dev', {}), githubRepository: 'acme/*' } })).toThrow(
      /repository must not contain wildcards/,
    );
  });
});
