import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { policyDocument, PolicyStatement } from './iam-policy';
import { StateBucket } from './state-bucket';
import { requireMatch } from './validation';

export interface GithubOidcRolesProps {
  /** Prefix of the role names and of every IAM name the apply role may manage, e.g. `dev`. */
  readonly namePrefix: string;
  /** `owner/name` of the repository whose workflows may assume the roles. */
  readonly repository: string;
  /** GitHub environment whose deployment jobs may assume the apply role (approvals live there). */
  readonly applyEnvironment: string;
  /** Branch whose pushes may assume the plan role besides pull requests. @default 'main' */
  readonly planBranch?: string;
  readonly stateBucket: StateBucket;
  readonly accountId: string;
}

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

/**
 * CI roles assumed through GitHub's OIDC provider, no stored keys: `plan` (read-only plus state
 * read and lock files) for pull requests and the main branch, `apply` for deployment jobs of
 * one GitHub environment only.
 */
export class GithubOidcRoles extends Construct {
  readonly provider: IamOpenidConnectProvider;
  readonly planRole: IamRole;
  readonly planRoleArn: string;
  readonly applyRole: IamRole;
  readonly applyRoleArn: string;

  constructor(scope: Construct, id: string, props: GithubOidcRolesProps) {
    super(scope, id);
    const name = 'GithubOidcRoles';
    requireMatch(name, 'repository', props.repository, /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, '"owner/name"');
    requireMatch(name, 'applyEnvironment', props.applyEnvironment, /^[A-Za-z0-9_.-]+$/, 'a GitHub environment name');
    requireMatch(name, 'namePrefix', props.namePrefix, /^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"');
    const branch = requireMatch(name, 'planBranch', props.planBranch ?? 'main', /^[A-Za-z0-9_./-]+$/, 'a branch name');

    this.provider = new IamOpenidConnectProvider(this, 'github', {
      url: `https://${GITHUB_ISSUER}`,
      clientIdList: ['sts.amazonaws.com'],
    });
    const trust = (subjects: string[]): string =>
      policyDocument([
        {
          Effect: 'Allow',
          Principal: { Federated: this.provider.arn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com' },
            StringLike: { [`${GITHUB_ISSUER}:sub`]: subjects },
          },
        },
      ]);

    const state = props.stateBucket;
    const stateStatements = (write: boolean): PolicyStatement[] => [
      { Sid: 'ListState', Effect: 'Allow', Action: 's3:ListBucket', Resource: state.bucketArn },
      {
        Sid: write ? 'ReadWriteState' : 'ReadState',
        Effect: 'Allow',
        Action: write ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'],
        Resource: `${state.bucketArn}/*`,
      },
      {
        Sid: 'StateLockFiles',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: `${state.bucketArn}/*.tflock`,
      },
      {
        Sid: 'StateKey',
        Effect: 'Allow',
        Action: write ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: state.keyArn,
      },
    ];

    this.planRole = new IamRole(this, 'plan', {
      name: `${props.namePrefix}-github-plan`,
      description: 'CI plan: read-only, for pull requests and the main branch',
      assumeRolePolicy: trust([`repo:${props.repository}:pull_request`, `repo:${props.repository}:ref:refs/heads/${branch}`]),
      maxSessionDuration: 3600,
    });
    new IamRolePolicyAttachment(this, 'plan-read-only', {
      role: this.planRole.name,
      policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    });
    new IamRolePolicy(this, 'plan-state', {
      role: this.planRole.id,
      name: 'terraform-state',
      policy: policyDocument(stateStatements(false)),
    });
    this.planRoleArn = this.planRole.arn;

    this.applyRole = new IamRole(this, 'apply', {
      name: `${props.namePrefix}-github-apply`,
      description: `CI apply: deployment jobs of the ${props.applyEnvironment} GitHub environment only`,
      assumeRolePolicy: trust([`repo:${props.repository}:environment:${props.applyEnvironment}`]),
      maxSessionDuration: 3600,
    });
    // PowerUserAccess covers every service but IAM; IAM rights are limited to our own names.
    new IamRolePolicyAttachment(this, 'apply-power-user', {
      role: this.applyRole.name,
      policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess',
    });
    const account = props.accountId;
    new IamRolePolicy(this, 'apply-iam-and-state', {
      role: this.applyRole.id,
      name: 'iam-own-names-and-state',
      policy: policyDocument([
        ...stateStatements(true),
        {
          Sid: 'ManageOwnRolesAndPolicies',
          Effect: 'Allow',
          Action: [
            'iam:CreateRole',
            'iam:DeleteRole',
            'iam:GetRole',
            'iam:UpdateRole',
            'iam:UpdateAssumeRolePolicy',
            'iam:TagRole',
            'iam:UntagRole',
            'iam:PutRolePolicy',
            'iam:GetRolePolicy',
            'iam:DeleteRolePolicy',
            'iam:ListRolePolicies',
            'iam:ListAttachedRolePolicies',
            'iam:AttachRolePolicy',
            'iam:DetachRolePolicy',
            'iam:ListInstanceProfilesForRole',
            'iam:PassRole',
          ],
          Resource: `arn:aws:iam::${account}:role/${props.namePrefix}-*`,
        },
        {
          Sid: 'ManageGithubProvider',
          Effect: 'Allow',
          Action: [
            'iam:GetOpenIDConnectProvider',
            'iam:CreateOpenIDConnectProvider',
            'iam:UpdateOpenIDConnectProviderThumbprint',
            'iam:TagOpenIDConnectProvider',
            'iam:AddClientIDToOpenIDConnectProvider',
          ],
          Resource: `arn:aws:iam::${account}:oidc-provider/${GITHUB_ISSUER}`,
        },
        {
          Sid: 'ServiceLinkedRoles',
          Effect: 'Allow',
          Action: 'iam:CreateServiceLinkedRole',
          Resource: `arn:aws:iam::${account}:role/aws-service-role/*`,
        },
      ]),
    });
    this.applyRoleArn = this.applyRole.arn;
  }
}
