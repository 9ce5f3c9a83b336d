import { Construct } from 'constructs';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { policyDocument, PolicyStatement } from './iam-policy';
import { workloadBoundaryName } from './platform-stack';
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
  /**
   * AWS managed policies the deploy roles may attach to the roles they create (anything else is
   * refused); policies of this account whose name starts with the role prefix are allowed too.
   * @default ECS task execution and X-Ray/CloudWatch agent policies
   */
  readonly attachablePolicyArns?: readonly string[];
}

/** What the stacks' roles may attach, by default: the ECS execution role's managed policy and agents. */
export const DEFAULT_ATTACHABLE_POLICY_ARNS = [
  'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
  'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy',
  'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
] as const;

/** A statement with the Not* forms, which iam-policy's PolicyStatement leaves out. */
type Statement =
  | PolicyStatement
  | (Omit<PolicyStatement, 'Action'> & { readonly NotAction: readonly string[] })
  | (Omit<PolicyStatement, 'Resource'> & { readonly NotResource: string | readonly string[] });

/** policyDocument for statements that may use NotAction/NotResource. */
function document(statements: readonly Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** IAM actions that change a role or what it may do. */
const ROLE_WRITE_ACTIONS = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:UpdateRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
];

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
  /** The permissions boundary every role created by the apply and preview roles must carry. */
  readonly boundaryArn: string;

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
      ...(write
        ? [
            {
              Sid: 'StateLockFiles',
              Effect: 'Allow' as const,
              Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
              Resource: `${state.bucketArn}/${writeKeys}.tflock`,
            },
          ]
        : []),
      {
        Sid: 'StateKey',
        Effect: 'Allow',
        Action: write ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: state.keyArn,
      },
    ];

    this.planRole = new IamRole(this, 'plan', {
      name: `${props.namePrefix}-github-plan`,
      description: 'CI plan: configuration reads only (no data-plane reads), for pull requests and the main branch',
      assumeRolePolicy: trust([`repo:${props.repository}:pull_request`, `repo:${props.repository}:ref:refs/heads/${branch}`]),
      maxSessionDuration: 3600,
    });
    // ViewOnlyAccess (resource lists and configuration, no data), not ReadOnlyAccess (which reads
    // objects, items, parameters and logs): a pull request's workflow code runs with this role.
    new IamRolePolicyAttachment(this, 'plan-view-only', {
      role: this.planRole.name,
      policyArn: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    });
    const planStatements: Statement[] = [
      ...stateStatements(false),
      {
        Sid: 'RefreshConfiguration',
        Effect: 'Allow',
        // What `terraform plan` refreshes beyond ViewOnlyAccess: configuration and tags, no data.
        Action: [
          's3:GetBucket*',
          's3:GetEncryptionConfiguration',
          's3:GetLifecycleConfiguration',
          's3:GetReplicationConfiguration',
          's3:GetAccelerateConfiguration',
          'kms:DescribeKey',
          'kms:GetKeyPolicy',
          'kms:GetKeyRotationStatus',
          'kms:ListResourceTags',
          'iam:GetRole',
          'iam:GetRolePolicy',
          'iam:GetPolicy',
          'iam:GetPolicyVersion',
          'iam:GetOpenIDConnectProvider',
          'ecr:GetLifecyclePolicy',
          'ecr:GetRepositoryPolicy',
          'ecr:ListTagsForResource',
          'logs:ListTagsForResource',
          'sqs:GetQueueAttributes',
          'sqs:ListQueueTags',
          'sns:GetTopicAttributes',
          'sns:GetSubscriptionAttributes',
          'sns:ListTagsForResource',
          'application-autoscaling:Describe*',
          'servicediscovery:Get*',
          'servicediscovery:List*',
          'ssm:ListTagsForResource',
        ],
        Resource: '*',
      },
      {
        Sid: 'NoObjectReadsOutsideState',
        Effect: 'Deny',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        NotResource: `${state.bucketArn}/*`,
      },
      {
        Sid: 'NoDataReads',
        Effect: 'Deny',
        Action: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:Query',
          'dynamodb:Scan',
          'ssm:GetParameter',
          'ssm:GetParameters',
          'ssm:GetParametersByPath',
          'ssm:GetParameterHistory',
          'secretsmanager:GetSecretValue',
          'logs:GetLogEvents',
          'logs:FilterLogEvents',
          'logs:StartQuery',
          'sqs:ReceiveMessage',
        ],
        Resource: '*',
      },
      {
        Sid: 'NoLockFileWrites',
        Effect: 'Deny',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: `${state.bucketArn}/*`,
      },
    ];
    const planState = new IamRolePolicy(this, 'plan-state', {
      role: this.planRole.id,
      name: 'terraform-state',
      policy: document(planStatements),
    });
    planState.addOverride(
      '//.policyExemptions.CKV_AWS_355',
      'RefreshConfiguration: a plan refreshes every resource of every stack, so its read-only configuration reads (no data-plane reads, which are denied) cannot name ARNs ahead of time',
    );
    this.planRoleArn = this.planRole.arn;

    this.applyRole = new IamRole(this, 'apply', {
      name: `${props.namePrefix}-github-apply`,
      description: `CI apply: deployment jobs of the ${props.applyEnvironment} GitHub environment only`,
      assumeRolePolicy: trust([`repo:${props.repository}:environment:${props.applyEnvironment}`]),
      maxSessionDuration: 3600,
    });
    const account = props.accountId;
    // The boundary of every role the deploy roles create: no IAM, no organization or account
    // changes, so a created role can never grant more than the deploy role could do directly.
    const boundary = new IamPolicy(this, 'workload-boundary', {
      name: workloadBoundaryName(props.namePrefix),
      description: 'Permissions boundary of every role CI creates: no IAM, organizations or account actions',
      policy: document([{ Sid: 'NoIdentityChanges', Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*', 'sts:AssumeRoleWithWebIdentity'], Resource: '*' }]),
    });
    this.boundaryArn = boundary.arn;
    const boundaryArn = `arn:aws:iam::${account}:policy/${workloadBoundaryName(props.namePrefix)}`;
    const ciRoles = `arn:aws:iam::${account}:role/${props.namePrefix}-github-*`;
    const attachable = [...(props.attachablePolicyArns ?? DEFAULT_ATTACHABLE_POLICY_ARNS)];
    for (const arn of attachable) {
      if (!/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/.test(arn) || arn.includes('*') || /AdministratorAccess|IAMFullAccess|PowerUserAccess/.test(arn)) {
        throw new InvalidPropsError(name, `attachablePolicyArns must be exact, non-administrative policy ARNs, got "${arn}"`);
      }
    }
    // PowerUserAccess covers every service but IAM; IAM rights are limited to names under
    // `rolePrefix`, to roles that carry the boundary, and to the allowed managed policies.
    const deployRights = (role: IamRole, id: string, rolePrefix: string, stateKeys: string, manageProvider: boolean): void => {
      const ownRoles = `arn:aws:iam::${account}:role/${rolePrefix}*`;
      new IamRolePolicyAttachment(this, `${id}-power-user`, { role: role.name, policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' });
      new IamRolePolicy(this, `${id}-iam-and-state`, {
        role: role.id,
        name: 'iam-own-names-and-state',
        policy: document([
          ...stateStatements(true, stateKeys),
          {
            Sid: 'ManageOwnRolesAndPolicies',
            Effect: 'Allow',
            Action: [
              'iam:DeleteRole',
              'iam:GetRole',
              'iam:UpdateRole',
              'iam:UpdateAssumeRolePolicy',
              'iam:TagRole',
              'iam:UntagRole',
              'iam:GetRolePolicy',
              'iam:DeleteRolePolicy',
              'iam:ListRolePolicies',
              'iam:ListAttachedRolePolicies',
              'iam:DetachRolePolicy',
              'iam:ListInstanceProfilesForRole',
              'iam:PassRole',
            ],
            Resource: ownRoles,
          },
          {
            Sid: 'CreateAndGrantOnlyWithinTheBoundary',
            Effect: 'Allow',
            Action: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:PutRolePermissionsBoundary'],
            Resource: ownRoles,
            Condition: { StringEquals: { 'iam:PermissionsBoundary': boundaryArn } },
          },
          {
            Sid: 'AttachOnlyAllowedPolicies',
            Effect: 'Allow',
            Action: 'iam:AttachRolePolicy',
            Resource: ownRoles,
            Condition: {
              StringEquals: { 'iam:PermissionsBoundary': boundaryArn },
              ArnLike: { 'iam:PolicyARN': [...attachable, `arn:aws:iam::${account}:policy/${rolePrefix}*`] },
            },
          },
          {
            Sid: 'NeverTheCiRolesOrTheBoundary',
            Effect: 'Deny',
            Action: [...ROLE_WRITE_ACTIONS, 'iam:PassRole', 'iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion'],
            Resource: [ciRoles, boundaryArn],
          },
          {
            Sid: 'NeverRemoveTheBoundary',
            Effect: 'Deny',
            Action: 'iam:DeleteRolePermissionsBoundary',
            Resource: '*',
          },
          // PowerUserAccess would let the role write any object, other environments' state
          // included: outside its own state keys, object writes go only to its own (prefixed) buckets.
          ...(stateKeys === '*'
            ? []
            : [
                {
                  Sid: 'NoObjectWritesOutsideOwnNames',
                  Effect: 'Deny' as const,
                  Action: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObjectAcl', 's3:RestoreObject'],
                  NotResource: [`${state.bucketArn}/${stateKeys}`, `arn:aws:s3:::${rolePrefix}*`],
                },
              ]),
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
