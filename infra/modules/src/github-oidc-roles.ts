import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { policyDocument, PolicyStatement } from './iam-policy';
import { StateBucket } from './state-bucket';
import { InvalidPropsError, requireMatch } from './validation';

export interface GithubOidcRolesProps {
  /** Prefix of the role names and of every IAM name the apply role may manage, e.g. `dev`. */
  readonly namePrefix: string;
  /** `owner/name` of the repository whose workflows may assume the roles. */
  readonly repository: string;
  /** GitHub environment whose deployment jobs may assume the apply role (approvals live there). */
  readonly applyEnvironment: string;
  /** Branch whose pushes may assume the plan role besides pull requests. @default 'main' */
  readonly planBranch?: string;
  /**
   * GitHub environment of pull-request previews (`preview`): its jobs get a deploy role of their
   * own that may only write `pr-*` state and manage `pr-*` IAM roles. @default - no preview role
   */
  readonly previewEnvironment?: string;
  readonly stateBucket: StateBucket;
  readonly accountId: string;
}

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
/** Names (state keys, IAM roles) of preview environments: `pr-<number>`. */
const PREVIEW_PREFIX = 'pr-';

/**
 * A subject part must be one literal name: `*` or `?` would let other repositories, branches or
 * environments assume the role (and the trust uses StringEquals, so they would never match anyway).
 */
function requireLiteral(constructName: string, propName: string, value: string, pattern: RegExp, what: string): string {
  if (/[*?]/.test(value)) {
    throw new InvalidPropsError(constructName, `${propName} must not contain wildcards ("*" or "?"): a wildcard subject lets other workflows assume the role, got "${value}"`);
  }
  return requireMatch(constructName, propName, value, pattern, what);
}

/**
 * CI roles assumed through GitHub's OIDC provider, no stored keys: `plan` (read-only plus state
 * read and lock files) for pull requests and the main branch, `apply` for deployment jobs of
 * one GitHub environment only, and optionally `preview` for the previews' GitHub environment.
 * Every trust names exact subjects (StringEquals) of one repository: no wildcards.
 */
export class GithubOidcRoles extends Construct {
  readonly provider: IamOpenidConnectProvider;
  readonly planRole: IamRole;
  readonly planRoleArn: string;
  readonly applyRole: IamRole;
  readonly applyRoleArn: string;
  readonly previewRole?: IamRole;
  readonly previewRoleArn?: string;

  constructor(scope: Construct, id: string, props: GithubOidcRolesProps) {
    super(scope, id);
    const name = 'GithubOidcRoles';
    requireLiteral(name, 'repository', props.repository, /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, '"owner/name"');
    requireLiteral(name, 'applyEnvironment', props.applyEnvironment, /^[A-Za-z0-9_.-]+$/, 'a GitHub environment name');
    requireMatch(name, 'namePrefix', props.namePrefix, /^[A-Za-z0-9_-]+$/, 'letters, digits, "_" or "-"');
    const branch = requireLiteral(name, 'planBranch', props.planBranch ?? 'main', /^[A-Za-z0-9_./-]+$/, 'a branch name');
    if (props.previewEnvironment !== undefined) {
      requireLiteral(name, 'previewEnvironment', props.previewEnvironment, /^[A-Za-z0-9_.-]+$/, 'a GitHub environment name');
      if (props.previewEnvironment === props.applyEnvironment) {
        throw new InvalidPropsError(name, `previewEnvironment must differ from applyEnvironment ("${props.applyEnvironment}"): previews get the narrower role`);
      }
    }

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
            StringEquals: { [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com', [`${GITHUB_ISSUER}:sub`]: subjects },
          },
        },
      ]);

    const state = props.stateBucket;
    // `writeKeys`: state objects the role may write (`*` = all); it reads every state (remote state lookups).
    const stateStatements = (write: boolean, writeKeys = '*'): PolicyStatement[] => [
      { Sid: 'ListState', Effect: 'Allow', Action: 's3:ListBucket', Resource: state.bucketArn },
      { Sid: 'ReadState', Effect: 'Allow', Action: 's3:GetObject', Resource: `${state.bucketArn}/*` },
      ...(write
        ? [
            {
              Sid: 'WriteState',
              Effect: 'Allow' as const,
              // DeleteObject: a torn-down preview's emptied state is removed (destroy-preview.sh).
              Action: writeKeys === '*' ? ['s3:PutObject'] : ['s3:PutObject', 's3:DeleteObject'],
              Resource: `${state.bucketArn}/${writeKeys}`,
            },
          ]
        : []),
      {
        Sid: 'StateLockFiles',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: `${state.bucketArn}/${writeKeys}.tflock`,
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
    const account = props.accountId;
    // PowerUserAccess covers every service but IAM; IAM rights are limited to names under `rolePrefix`.
    const deployRights = (role: IamRole, id: string, rolePrefix: string, stateKeys: string, manageProvider: boolean): void => {
      new IamRolePolicyAttachment(this, `${id}-power-user`, { role: role.name, policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' });
      new IamRolePolicy(this, `${id}-iam-and-state`, {
        role: role.id,
        name: 'iam-own-names-and-state',
        policy: policyDocument([
          ...stateStatements(true, stateKeys),
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
            Resource: `arn:aws:iam::${account}:role/${rolePrefix}*`,
          },
          ...(manageProvider
            ? [
                {
                  Sid: 'ManageGithubProvider',
                  Effect: 'Allow' as const,
                  Action: [
                    'iam:GetOpenIDConnectProvider',
                    'iam:CreateOpenIDConnectProvider',
                    'iam:UpdateOpenIDConnectProviderThumbprint',
                    'iam:TagOpenIDConnectProvider',
                    'iam:AddClientIDToOpenIDConnectProvider',
                  ],
                  Resource: `arn:aws:iam::${account}:oidc-provider/${GITHUB_ISSUER}`,
                },
              ]
            : []),
          {
            Sid: 'ServiceLinkedRoles',
            Effect: 'Allow',
            Action: 'iam:CreateServiceLinkedRole',
            Resource: `arn:aws:iam::${account}:role/aws-service-role/*`,
          },
        ]),
      });
    };
    deployRights(this.applyRole, 'apply', `${props.namePrefix}-`, '*', true);
    this.applyRoleArn = this.applyRole.arn;

    if (props.previewEnvironment !== undefined) {
      this.previewRole = new IamRole(this, 'preview', {
        name: `${props.namePrefix}-github-preview`,
        description: `CI previews: deployment jobs of the ${props.previewEnvironment} GitHub environment, pr-* names and state only`,
        assumeRolePolicy: trust([`repo:${props.repository}:environment:${props.previewEnvironment}`]),
        maxSessionDuration: 3600,
      });
      deployRights(this.previewRole, 'preview', PREVIEW_PREFIX, `${PREVIEW_PREFIX}*`, false);
      this.previewRoleArn = this.previewRole.arn;
    }
  }
}
