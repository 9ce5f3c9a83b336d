import { TerraformStack } from 'cdktf';
import { GithubOidcRoles, GithubOidcRolesProps, PlatformStack, SecureBucket, StateBucket, EncryptionKey } from '../src';
import { ACCOUNT_ID, Json, newStack, only, REGION, resources, synth } from './support';
import { App, Testing } from 'cdktf';

/** The JSON without the resources of the state bucket's access-log bucket (named state_access-logs_...). */
function stateBucketOnly(json: Json): Json {
  const resource = Object.fromEntries(
    Object.entries(json.resource as Record<string, Record<string, Json>>).map(([type, byName]) => [
      type,
      Object.fromEntries(Object.entries(byName).filter(([name]) => !name.includes('access-logs'))),
    ]),
  );
  return { ...json, resource };
}

describe('StateBucket', () => {
  it('is versioned, KMS-encrypted, private, TLS-only and expires noncurrent versions after 90 days', () => {
    const stack = newStack();
    new StateBucket(stack, 'state', { bucketName: 'acme-tfstate-dev', accountId: ACCOUNT_ID, region: REGION });
    // The state bucket itself; its access-log bucket is checked below.
    const json = stateBucketOnly(synth(stack));
    expect(only(json, 'aws_s3_bucket_versioning').versioning_configuration.status).toBe('Enabled');
    const sse = only(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0];
    expect(sse.apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    expect(sse.apply_server_side_encryption_by_default.kms_master_key_id).toMatch(/aws_kms_key/);
    expect(only(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    const deny = JSON.parse(only(json, 'aws_s3_bucket_policy').policy).Statement[0];
    expect(deny).toMatchObject({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(only(json, 'aws_s3_bucket_lifecycle_configuration').rule[0].noncurrent_version_expiration[0].noncurrent_days).toBe(90);
    expect(only(json, 'aws_kms_key').enable_key_rotation).toBe(true);
    expect(only(json, 'aws_s3_bucket_ownership_controls').rule.object_ownership).toBe('BucketOwnerEnforced');
  });

  it('rejects bad names and retention', () => {
    expect(() => new StateBucket(newStack(), 's', { bucketName: 'Bad_Name', accountId: ACCOUNT_ID, region: REGION })).toThrow(
      /bucketName must be 3-63 lowercase/,
    );
    expect(
      () => new StateBucket(newStack(), 's', { bucketName: 'ok-name', accountId: ACCOUNT_ID, region: REGION, noncurrentVersionExpiryDays: 0 }),
    ).toThrow(/noncurrentVersionExpiryDays must be an integer from 1 to 3650/);
  });
});

describe('SecureBucket', () => {
  it('rejects noncurrent expiry on an unversioned bucket, naming both props', () => {
    expect(() => new SecureBucket(newStack(), 'b', { bucketName: 'ok-name', versioned: false, noncurrentVersionExpiryDays: 30 })).toThrow(
      /noncurrentVersionExpiryDays needs versioned: true/,
    );
  });
});

describe('StateBucket access logs', () => {
  it('logs the state bucket into a separate SSE-S3 bucket that only S3 log delivery for this bucket may write', () => {
    const stack = newStack();
    new StateBucket(stack, 'state', { bucketName: 'acme-tfstate-dev', accountId: ACCOUNT_ID, region: REGION });
    const json = synth(stack);
    const names = resources(json, 'aws_s3_bucket').map((b: Json) => b.bucket).sort();
    expect(names).toEqual(['acme-tfstate-dev', 'acme-tfstate-dev-access-logs']);
    const logging = only(json, 'aws_s3_bucket_logging');
    expect(logging.target_prefix).toBe('state/');
    expect(logging.target_bucket).toMatch(/access-logs/);
    const algorithms = resources(json, 'aws_s3_bucket_server_side_encryption_configuration').map(
      (c: Json) => c.rule[0].apply_server_side_encryption_by_default.sse_algorithm,
    );
    expect(algorithms.sort()).toEqual(['AES256', 'aws:kms']);
    const logPolicy = resources(json, 'aws_s3_bucket_policy')
      .map((p: Json) => JSON.parse(p.policy))
      .find((p: Json) => p.Statement.some((s: Json) => s.Principal?.Service === 'logging.s3.amazonaws.com'));
    expect(logPolicy.Statement[1]).toMatchObject({
      Action: 's3:PutObject',
      Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': expect.stringMatching(/aws_s3_bucket\.state_bucket_.*\.arn/) } },
    });
    expect(logPolicy.Statement[1].Resource).toMatch(/\/state\/\*$/);
  });

  it('rejects logging a bucket into itself and a prefix without a trailing slash', () => {
    const stack = newStack();
    const logs = new SecureBucket(stack, 'logs', { bucketName: 'acme-logs' });
    expect(() => new SecureBucket(stack, 'b', { bucketName: 'acme-b', accessLogs: { bucket: logs, prefix: 'b', accountId: ACCOUNT_ID } })).toThrow(
      'accessLogs.prefix must be a key prefix ending in "/"',
    );
  });
});

describe('EncryptionKey', () => {
  it('rotates, has an explicit policy and a 30 day deletion window by default', () => {
    const stack = newStack();
    new EncryptionKey(stack, 'k', { description: 'x', aliasName: 'dev-x', accountId: ACCOUNT_ID, region: REGION, servicePrincipals: ['logs'] });
    const json = synth(stack);
    const key = only(json, 'aws_kms_key');
    expect(key).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30 });
    const policy = JSON.parse(key.policy);
    expect(policy.Statement[0].Principal).toEqual({ AWS: `arn:aws:iam::${ACCOUNT_ID}:root` });
    expect(policy.Statement[1].Principal.Service).toBe('logs.eu-west-1.amazonaws.com');
    expect(only(json, 'aws_kms_alias').name).toBe('alias/dev-x');
  });

  it.each([
    [{ accountId: '123' }, /accountId must be a 12-digit AWS account id/],
    [{ aliasName: 'aws/x' }, /aliasName must not start with "aws\/"/],
    [{ deletionWindowDays: 3 }, /deletionWindowDays must be an integer from 7 to 30/],
  ])('rejects %p', (override, message) => {
    expect(() => new EncryptionKey(newStack(), 'k', { description: 'x', aliasName: 'dev-x', accountId: ACCOUNT_ID, region: REGION, ...override })).toThrow(
      message,
    );
  });
});

describe('GithubOidcRoles', () => {
  const SUB = 'token.actions.githubusercontent.com:sub';
  type RolesProps = Partial<Omit<GithubOidcRolesProps, 'stateBucket'>>;

  function build(override: RolesProps = {}, stack: TerraformStack = newStack()) {
    const state = new StateBucket(stack, 'state', { bucketName: 'acme-tfstate-dev', accountId: ACCOUNT_ID, region: REGION });
    new GithubOidcRoles(stack, 'gh', {
      namePrefix: 'dev',
      repository: 'acme/platform',
      applyEnvironment: 'dev',
      previewEnvironment: 'preview',
      stateBucket: state,
      accountId: ACCOUNT_ID,
      ...override,
    });
    return synth(stack);
  }
  const json = build();
  const roles = resources(json, 'aws_iam_role');
  const trust = (name: string) => JSON.parse(roles.find((r) => r.name === name).assume_role_policy).Statement[0];
  // Inline policies reference their role by a token; match the role's resource name in it.
  const inlinePolicy = (roleId: string) => {
    const policy = resources(json, 'aws_iam_role_policy').find((p) => p.role.includes(`aws_iam_role.${roleId}`));
    return JSON.parse(policy.policy).Statement as { Sid: string; Action: string | string[]; Resource: string }[];
  };
  const statement = (roleId: string, sid: string) => inlinePolicy(roleId).find((st) => st.Sid === sid);
  const roleId = (name: string) => Object.entries(json.resource.aws_iam_role).find(([, r]) => (r as Json).name === name)?.[0] as string;

  it('trusts exact subjects of this repository: pull requests and main for plan, one GitHub environment per deploy role', () => {
    expect(roles.map((r) => r.name).sort()).toEqual(['dev-github-apply', 'dev-github-plan', 'dev-github-preview']);
    expect(trust('dev-github-plan').Condition).toEqual({
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        [SUB]: ['repo:acme/platform:pull_request', 'repo:acme/platform:ref:refs/heads/main'],
      },
    });
    expect(trust('dev-github-apply').Condition.StringEquals[SUB]).toEqual(['repo:acme/platform:environment:dev']);
    expect(trust('dev-github-preview').Condition.StringEquals[SUB]).toEqual(['repo:acme/platform:environment:preview']);
    for (const role of roles) {
      const condition = JSON.parse(role.assume_role_policy).Statement[0].Condition;
      // No glob matching anywhere: StringLike would turn a stray "*" into a wildcard.
      expect(Object.keys(condition)).toEqual(['StringEquals']);
      expect(JSON.stringify(condition[`StringEquals`][SUB])).not.toMatch(/[*?]/);
    }
  });

  it('gives plan view-only access and never AdministratorAccess', () => {
    const attachments = resources(json, 'aws_iam_role_policy_attachment');
    const planId = roleId('dev-github-plan');
    expect(attachments.filter((a) => a.role.includes(`aws_iam_role.${planId}`)).map((a) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess']);
    expect(attachments.map((a) => a.policy_arn)).not.toContain('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(inlinePolicy(planId).map((st) => st.Sid)).not.toContain('WriteState');
  });

  it('lets the apply role write any state and manage dev-* roles', () => {
    const apply = roleId('dev-github-apply');
    expect(statement(apply, 'WriteState')?.Resource).toMatch(/\/\*$/);
    expect(statement(apply, 'ManageOwnRolesAndPolicies')?.Resource).toBe(`arn:aws:iam::${ACCOUNT_ID}:role/dev-*`);
    expect(statement(apply, 'ManageGithubProvider')).toBeDefined();
  });

  it('limits the preview role to pr-* state, pr-* roles, and not the OIDC provider', () => {
    const preview = roleId('dev-github-preview');
    expect(statement(preview, 'WriteState')).toMatchObject({ Action: ['s3:PutObject', 's3:DeleteObject'], Resource: expect.stringMatching(/\/pr-\*$/) });
    expect(statement(preview, 'StateLockFiles')?.Resource).toMatch(/\/pr-\*\.tflock$/);
    expect(statement(preview, 'ManageOwnRolesAndPolicies')?.Resource).toBe(`arn:aws:iam::${ACCOUNT_ID}:role/pr-*`);
    expect(statement(preview, 'ManageGithubProvider')).toBeUndefined();
  });

  it('has no preview role unless asked', () => {
    const names = resources(build({ previewEnvironment: undefined }), 'aws_iam_role').map((r) => r.name);
    expect(names.sort()).toEqual(['dev-github-apply', 'dev-github-plan']);
  });

  it.each<[RolesProps, RegExp]>([
    [{ repository: 'platform' }, /repository must be "owner\/name"/],
    [{ repository: 'acme/*' }, /repository must not contain wildcards \("\*" or "\?"\): a wildcard subject lets other workflows assume the role, got "acme\/\*"/],
    [{ repository: '*/platform' }, /repository must not contain wildcards/],
    [{ applyEnvironment: '*' }, /applyEnvironment must not contain wildcards/],
    [{ applyEnvironment: 'prod?' }, /applyEnvironment must not contain wildcards/],
    [{ planBranch: 'release/*' }, /planBranch must not contain wildcards/],
    [{ previewEnvironment: 'pr-*' }, /previewEnvironment must not contain wildcards/],
    [{ previewEnvironment: 'dev' }, /previewEnvironment must differ from applyEnvironment/],
  ])('rejects %p', (override, message) => {
    expect(() => build(override)).toThrow(message);
  });
});

describe('PlatformStack', () => {
  const base = { environment: 'dev', stackName: 'network', accountId: ACCOUNT_ID, region: REGION, tags: { project: 'p', owner: 'o' } };

  it('uses the S3 backend at <env>/<stack>.tfstate with encryption and lock files', () => {
    const stack = new PlatformStack(Testing.app() as App, { ...base, backend: { type: 's3', bucket: 'acme-tfstate-dev', region: REGION } });
    const json = synth(stack);
    expect(stack.node.id).toBe('dev-network');
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'acme-tfstate-dev',
      key: 'dev/network.tfstate',
      region: REGION,
      encrypt: true,
      use_lockfile: true,
    });
  });

  it('pins the account and tags every resource with project, env, stack and owner', () => {
    const json = synth(new PlatformStack(Testing.app() as App, { ...base, backend: { type: 'local' } }));
    const provider = json.provider.aws[0];
    expect(provider.allowed_account_ids).toEqual([ACCOUNT_ID]);
    expect(provider.default_tags[0].tags).toEqual({ project: 'p', owner: 'o', env: 'dev', stack: 'network' });
    expect(json.terraform.backend.local.path).toBe('terraform.dev-network.tfstate');
  });

  it('takes a preview name as environment and tags it with the environment it runs in', () => {
    const stack = new PlatformStack(Testing.app() as App, {
      ...base,
      environment: 'pr-42',
      environmentTag: 'dev',
      stackName: 'service',
      tags: { project: 'p', owner: 'o', preview: 'pr-42' },
      backend: { type: 's3', bucket: 'acme-tfstate-dev', region: REGION },
    });
    const json = synth(stack);
    expect(stack.node.id).toBe('pr-42-service');
    expect(json.terraform.backend.s3.key).toBe('pr-42/service.tfstate');
    expect(json.provider.aws[0].default_tags[0].tags).toEqual({ project: 'p', owner: 'o', preview: 'pr-42', env: 'dev', stack: 'service' });
  });

  it.each([
    [{ environment: 'pr-' }, /environment must be lowercase letters and digits, "-" between words/],
    [{ environmentTag: 'Dev' }, /environmentTag must be lowercase/],
    [{ environment: 'Dev' }, /environment must be lowercase/],
    [{ accountId: 'x' }, /accountId must be a 12-digit/],
    [{ stackName: 'Net Work' }, /stackName must be lowercase/],
  ])('rejects %p', (override, message) => {
    expect(() => new PlatformStack(Testing.app() as App, { ...base, backend: { type: 'local' }, ...override })).toThrow(message);
  });
});
