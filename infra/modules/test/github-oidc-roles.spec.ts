import { App, TerraformStack, Testing } from 'cdktf';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { GithubOidcRoles, PlatformStack, StateBucket } from '../src';
import { decide, MANAGED, type Request } from './iam-evaluator';
import { ACCOUNT_ID, newStack, REGION, resources, synth, type Json } from './support';

const ROLE = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;
const BOUNDARY = `arn:aws:iam::${ACCOUNT_ID}:policy/dev-workload-boundary`;

function build(stack: TerraformStack = newStack()): Json {
  const state = new StateBucket(stack, 'state', { bucketName: 'acme-tfstate-dev', accountId: ACCOUNT_ID, region: REGION });
  new GithubOidcRoles(stack, 'gh', { namePrefix: 'dev', repository: 'acme/platform', applyEnvironment: 'dev', previewEnvironment: 'preview', stateBucket: state, accountId: ACCOUNT_ID });
  return synth(stack);
}
const json = build();
const roleId = (name: string) => Object.entries(json.resource.aws_iam_role).find(([, r]) => (r as Json).name === name)![0];
/** Every statement that applies to the role: its inline policies and (models of) its managed ones. */
function statementsOf(name: string): Json[] {
  const id = `aws_iam_role.${roleId(name)}`;
  const inline = resources(json, 'aws_iam_role_policy').filter((p) => p.role.includes(id)).flatMap((p) => JSON.parse(p.policy).Statement);
  const managed = resources(json, 'aws_iam_role_policy_attachment').filter((a) => a.role.includes(id)).flatMap((a) => MANAGED[a.policy_arn] ?? []);
  return [...inline, ...managed];
}
// The state bucket's ARN is a token in the synthesized policies; requests name it the same way.
const bucket = JSON.stringify(json).match(/\$\{aws_s3_bucket\.[\w-]+\.arn\}/)![0];
const can = (role: string, request: Request) => decide(statementsOf(role), request);

describe('CI deploy roles cannot escalate', () => {
  const withBoundary = { 'iam:PermissionsBoundary': BOUNDARY };

  it.each(['dev-github-apply', 'dev-github-preview'])('%s creates and grants roles only with the workload boundary', (role) => {
    const own = ROLE(role === 'dev-github-apply' ? 'dev-api-task' : 'pr-7-api-task');
    expect(can(role, { action: 'iam:CreateRole', resource: own, context: withBoundary })).toBe('allow');
    expect(can(role, { action: 'iam:CreateRole', resource: own })).toBe('deny');
    expect(can(role, { action: 'iam:CreateRole', resource: own, context: { 'iam:PermissionsBoundary': `arn:aws:iam::${ACCOUNT_ID}:policy/other` } })).toBe('deny');
    expect(can(role, { action: 'iam:PutRolePolicy', resource: own })).toBe('deny');
    expect(can(role, { action: 'iam:PutRolePolicy', resource: own, context: withBoundary })).toBe('allow');
    expect(can(role, { action: 'iam:DeleteRolePermissionsBoundary', resource: own })).toBe('deny');
  });

  it('attaches only allow-listed managed policies', () => {
    const own = ROLE('dev-api-execution');
    const attach = (arn: string) => can('dev-github-apply', { action: 'iam:AttachRolePolicy', resource: own, context: { ...withBoundary, 'iam:PolicyARN': arn } });
    expect(attach('arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy')).toBe('allow');
    expect(attach('arn:aws:iam::aws:policy/AdministratorAccess')).toBe('deny');
    expect(attach('arn:aws:iam::aws:policy/IAMFullAccess')).toBe('deny');
    expect(() => new GithubOidcRoles(newStack(), 'x', { namePrefix: 'dev', repository: 'a/b', applyEnvironment: 'dev', stateBucket: new StateBucket(newStack(), 's', { bucketName: 'b-tfstate', accountId: ACCOUNT_ID, region: REGION }), accountId: ACCOUNT_ID, attachablePolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] })).toThrow(
      /attachablePolicyArns must be exact, non-administrative policy ARNs/,
    );
  });

  it.each(['dev-github-apply', 'dev-github-preview', 'dev-github-plan'])('%s cannot change, pass or re-trust any CI role, itself included', (role) => {
    for (const target of ['dev-github-apply', 'dev-github-plan', 'dev-github-preview']) {
      for (const action of ['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole', 'iam:PassRole', 'iam:DeleteRolePermissionsBoundary']) {
        expect([role, action, target, can(role, { action, resource: ROLE(target), context: { ...withBoundary, 'iam:PolicyARN': 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy' } })]).toEqual([role, action, target, 'deny']);
      }
    }
    expect(can(role, { action: 'iam:CreatePolicyVersion', resource: BOUNDARY })).toBe('deny');
  });

  it('the boundary itself allows no IAM, organizations or account action', () => {
    const boundary = JSON.parse(resources(json, 'aws_iam_policy').find((p) => p.name === 'dev-workload-boundary').policy).Statement;
    expect(decide(boundary, { action: 'dynamodb:PutItem', resource: '*' })).toBe('allow');
    for (const action of ['iam:CreateRole', 'iam:PassRole', 'organizations:LeaveOrganization', 'account:PutAlternateContact']) {
      expect([action, decide(boundary, { action, resource: '*' })]).toEqual([action, 'deny']);
    }
  });
});

describe('the preview role', () => {
  it('writes only pr-* state and manages only pr-* roles', () => {
    expect(can('dev-github-preview', { action: 's3:PutObject', resource: `${bucket}/pr-7/svc-api.tfstate` })).toBe('allow');
    expect(can('dev-github-preview', { action: 's3:PutObject', resource: `${bucket}/dev/svc-api.tfstate` })).toBe('deny');
    expect(can('dev-github-preview', { action: 's3:DeleteObject', resource: `${bucket}/dev/network.tfstate.tflock` })).toBe('deny');
    expect(can('dev-github-preview', { action: 'iam:CreateRole', resource: ROLE('dev-api-task'), context: { 'iam:PermissionsBoundary': BOUNDARY } })).toBe('deny');
  });
});

describe('the pull-request plan role reads no data', () => {
  it('has ViewOnlyAccess, not ReadOnlyAccess', () => {
    const attached = resources(json, 'aws_iam_role_policy_attachment').filter((a) => a.role.includes(`aws_iam_role.${roleId('dev-github-plan')}`)).map((a) => a.policy_arn);
    expect(attached).toEqual(['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess']);
  });

  it.each<[string, string]>([
    ['s3:GetObject', 'arn:aws:s3:::customer-documents/report.pdf'],
    ['dynamodb:GetItem', `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/dev-scans`],
    ['dynamodb:Query', `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/dev-scans`],
    ['dynamodb:Scan', `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/dev-api-keys`],
    ['dynamodb:BatchGetItem', `arn:aws:dynamodb:${REGION}:${ACCOUNT_ID}:table/dev-api-keys`],
    ['ssm:GetParameter', `arn:aws:ssm:${REGION}:${ACCOUNT_ID}:parameter/fargate-platform/dev/api/key-pepper`],
    ['ssm:GetParametersByPath', `arn:aws:ssm:${REGION}:${ACCOUNT_ID}:parameter/fargate-platform`],
    ['logs:GetLogEvents', `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/ecs/dev-api:*`],
    ['logs:FilterLogEvents', `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/ecs/dev-api:*`],
  ])('denies %s even where a broad read policy would allow it', (action, resource) => {
    // deny wins over any allow: add ReadOnlyAccess to the role and it still cannot read data
    expect(decide([...statementsOf('dev-github-plan'), ...MANAGED['arn:aws:iam::aws:policy/ReadOnlyAccess']], { action, resource })).toBe('deny');
  });

  it('reads state but never writes or deletes it or its lock files', () => {
    expect(can('dev-github-plan', { action: 's3:GetObject', resource: `${bucket}/dev/network.tfstate` })).toBe('allow');
    for (const action of ['s3:PutObject', 's3:DeleteObject']) {
      for (const key of ['dev/network.tfstate', 'dev/network.tfstate.tflock']) expect([action, key, can('dev-github-plan', { action, resource: `${bucket}/${key}` })]).toEqual([action, key, 'deny']);
    }
  });
});

describe('PlatformStack gives every role the workload boundary', () => {
  const stackWithRole = (stackName: string) => {
    const stack = new PlatformStack(Testing.app() as App, { environment: 'pr-7', environmentTag: 'dev', stackName, accountId: ACCOUNT_ID, region: REGION, backend: { type: 'local' }, tags: { project: 'p', owner: 'o' } });
    new IamRole(stack, 'task', { name: 'pr-7-api-task', assumeRolePolicy: '{}' });
    return resources(synth(stack), 'aws_iam_role')[0];
  };

  it('on roles of every stack but the state stack (which holds the CI roles)', () => {
    expect(stackWithRole('svc-api').permissions_boundary).toBe(BOUNDARY);
    expect(stackWithRole('state').permissions_boundary).toBeUndefined();
  });
});

describe('the preview role and other state', () => {
  it('cannot overwrite another environment\'s state through PowerUserAccess', () => {
    expect(can('dev-github-preview', { action: 's3:PutObject', resource: `${bucket}/prod/data.tfstate` })).toBe('deny');
    expect(can('dev-github-preview', { action: 's3:PutObject', resource: 'arn:aws:s3:::dev-uploads/x' })).toBe('deny');
    expect(can('dev-github-preview', { action: 's3:PutObject', resource: 'arn:aws:s3:::pr-7-uploads/x' })).toBe('allow');
  });
});
