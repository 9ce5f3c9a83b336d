import { findings, flagged, policyJson, ref, stackNamed } from '../helpers/stack-builder';

const rolePolicy = (statements: Record<string, unknown>[]) => ({ role: ref('aws_iam_role', 'task', 'id'), policy: policyJson(statements) });
const scoped = { Sid: 'Table', Effect: 'Allow', Action: ['dynamodb:GetItem'], Resource: [ref('aws_dynamodb_table', 'scans', 'arn')] };

describe('CKV_AWS_63', () => {
  it('catches Action "*" in a role policy, a managed policy and a role inline policy', () => {
    const stack = stackNamed()
      .resource('aws_iam_role_policy', 'admin', rolePolicy([{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }]))
      .resource('aws_iam_policy', 'managed', { policy: policyJson([{ Effect: 'Allow', Action: ['*'], Resource: ref('aws_s3_bucket', 'b', 'arn') }]) })
      .resource('aws_iam_role', 'r', { assume_role_policy: policyJson([]), inline_policy: [{ name: 'x', policy: policyJson([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }] });
    expect(findings('CKV_AWS_63', stack)).toEqual([
      'aws_iam_role_policy.admin: policy statement All allows Action "*"',
      'aws_iam_policy.managed: policy statement (no Sid) allows Action "*"',
      'aws_iam_role.r: inline_policy[0].policy statement (no Sid) allows Action "*"',
    ]);
  });

  it('passes explicit actions and a Deny "*"', () => {
    const stack = stackNamed().resource('aws_iam_role_policy', 'p', rolePolicy([scoped, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]));
    expect(flagged('CKV_AWS_63', stack)).toEqual([]);
  });
});

describe('CKV_AWS_355', () => {
  it('catches scopable actions on Resource "*", also through a data.aws_iam_policy_document', () => {
    const stack = stackNamed()
      .resource('aws_iam_role_policy', 'wide', rolePolicy([{ Sid: 'Q', Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'ecr:GetAuthorizationToken'], Resource: '*' }]))
      .data('aws_iam_policy_document', 'doc', { statement: [{ actions: ['dynamodb:*'], resources: ['*'] }] })
      .resource('aws_iam_policy', 'fromdata', { policy: '${data.aws_iam_policy_document.doc.json}' });
    expect(findings('CKV_AWS_355', stack)).toEqual([
      'aws_iam_role_policy.wide: policy statement Q allows sqs:ReceiveMessage on Resource "*"',
      'aws_iam_policy.fromdata: policy statement (no Sid) allows dynamodb:* on Resource "*"',
    ]);
  });

  it('passes exact ARNs and the allow-listed unscopable actions on "*"', () => {
    const stack = stackNamed().resource(
      'aws_iam_role_policy',
      'p',
      rolePolicy([scoped, { Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'cloudwatch:PutMetricData', 'xray:PutTraceSegments'], Resource: '*' }]),
    );
    expect(flagged('CKV_AWS_355', stack)).toEqual([]);
  });
});

describe('CKV_AWS_60', () => {
  it('catches a trust policy open to "*"', () => {
    const stack = stackNamed().resource('aws_iam_role', 'open', {
      assume_role_policy: policyJson([{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }]),
    });
    expect(flagged('CKV_AWS_60', stack)).toEqual(['aws_iam_role.open']);
  });

  it('passes a service trust policy', () => {
    const stack = stackNamed().resource('aws_iam_role', 'task', {
      assume_role_policy: policyJson([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    expect(flagged('CKV_AWS_60', stack)).toEqual([]);
  });
});

describe('PLAT_IAM_GITHUB_OIDC_SUB', () => {
  const provider = ref('aws_iam_openid_connect_provider', 'github', 'arn');
  const trust = (condition: Record<string, unknown>) => ({
    assume_role_policy: policyJson([
      { Effect: 'Allow', Principal: { Federated: provider }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition },
    ]),
  });
  const withProvider = () =>
    stackNamed().resource('aws_iam_openid_connect_provider', 'github', { url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
  const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };

  it('catches a GitHub trust with no sub condition, and one open to every repository', () => {
    const stack = withProvider()
      .resource('aws_iam_role', 'nosub', trust({ StringEquals: aud }))
      .resource('aws_iam_role', 'anyrepo', trust({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }))
      .resource('aws_iam_role', 'literal', {
        assume_role_policy: policyJson([
          { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::000000000000:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' },
        ]),
      });
    stack
      .data('aws_iam_openid_connect_provider', 'existing', { url: 'https://token.actions.githubusercontent.com' })
      .resource('aws_iam_role', 'viadata', {
        assume_role_policy: policyJson([
          { Effect: 'Allow', Principal: { Federated: '${data.aws_iam_openid_connect_provider.existing.arn}' }, Action: 'sts:AssumeRoleWithWebIdentity' },
        ]),
      });
    expect(findings('PLAT_IAM_GITHUB_OIDC_SUB', stack)).toEqual([
      'aws_iam_role.nosub: GitHub OIDC trust has no StringEquals/StringLike condition on token.actions.githubusercontent.com:sub',
      'aws_iam_role.anyrepo: GitHub OIDC trust has token.actions.githubusercontent.com:sub allows repo:* (not one repository)',
      'aws_iam_role.literal: GitHub OIDC trust has no StringEquals/StringLike condition on token.actions.githubusercontent.com:sub',
      'aws_iam_role.viadata: GitHub OIDC trust has no StringEquals/StringLike condition on token.actions.githubusercontent.com:sub',
    ]);
  });

  it('passes a trust scoped to one repository (branch, environment or pull requests)', () => {
    const stack = withProvider()
      .resource('aws_iam_role', 'apply', trust({ StringEquals: { ...aud, 'token.actions.githubusercontent.com:sub': 'repo:acme/platform:ref:refs/heads/main' } }))
      .resource('aws_iam_role', 'plan', trust({ StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:acme/platform:pull_request', 'repo:acme/platform:environment:*'] } }));
    expect(flagged('PLAT_IAM_GITHUB_OIDC_SUB', stack)).toEqual([]);
  });
});

describe('PLAT_UNREADABLE_DOCUMENT', () => {
  it('catches a policy and container definitions that are opaque expressions', () => {
    const stack = stackNamed()
      .resource('aws_iam_role_policy', 'p', { policy: '${jsonencode(local.policy)}' })
      .resource('aws_ecs_task_definition', 't', { container_definitions: '${file("containers.json")}' });
    expect(findings('PLAT_UNREADABLE_DOCUMENT', stack)).toEqual([
      'aws_iam_role_policy.p: policy cannot be analyzed: it is a Terraform expression (${jsonencode(local.policy)}), not JSON',
      'aws_ecs_task_definition.t: container_definitions cannot be analyzed: it is a Terraform expression (${file("containers.json")}), not JSON',
    ]);
  });

  it('passes JSON with tokens inside strings and even bare numeric tokens', () => {
    const stack = stackNamed()
      .resource('aws_iam_role_policy', 'p', rolePolicy([scoped]))
      .resource('aws_iam_role', 'r', { assume_role_policy: policyJson([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]) })
      .resource('aws_ecs_task_definition', 't', { container_definitions: '[{"name":"app","cpu":${var.cpu},"image":"${var.image}"}]' });
    expect(flagged('PLAT_UNREADABLE_DOCUMENT', stack)).toEqual([]);
  });
});

describe('PLAT_IAM_SERVICE_TRUST_SOURCE', () => {
  const flowLogsRole = (condition?: Record<string, unknown>) =>
    stackNamed().resource('aws_iam_role', 'flow_logs', {
      assume_role_policy: policyJson([
        { Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) },
      ]),
    });

  it('catches a flow-logs role any account\'s flow logs could use', () => {
    expect(findings('PLAT_IAM_SERVICE_TRUST_SOURCE', flowLogsRole())).toEqual([
      'aws_iam_role.flow_logs: trust for vpc-flow-logs.amazonaws.com has no aws:SourceAccount or aws:SourceArn condition',
    ]);
  });

  it('passes the documented source conditions and services not in the list', () => {
    const conditioned = flowLogsRole({
      StringEquals: { 'aws:SourceAccount': '111111111111' },
      ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:eu-west-1:111111111111:vpc-flow-log/*' },
    });
    expect(flagged('PLAT_IAM_SERVICE_TRUST_SOURCE', conditioned)).toEqual([]);
    const tasks = stackNamed().resource('aws_iam_role', 'task', {
      assume_role_policy: policyJson([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]),
    });
    expect(flagged('PLAT_IAM_SERVICE_TRUST_SOURCE', tasks)).toEqual([]);
  });
});
