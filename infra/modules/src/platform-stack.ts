import { Construct, IConstruct } from 'constructs';
import { Aspects, IAspect, LocalBackend, S3Backend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { InvalidPropsError, requireMatch } from './validation';

/**
 * Terraform versions every stack accepts: 1.10 brought S3-native locking (`use_lockfile`), 2.0
 * may break the synthesized JSON. CI runs the exact version in `.terraform-version`, which must
 * satisfy this (tested).
 */
export const TERRAFORM_REQUIRED_VERSION = '>= 1.10, < 2.0';

/** Name of the permissions boundary every role the CI deploy roles create must carry (GithubOidcRoles). */
export function workloadBoundaryName(namePrefix: string): string {
  return `${namePrefix}-workload-boundary`;
}

/**
 * Gives every IAM role of a stack the environment's workload permissions boundary: the deploy
 * roles may only create roles that carry it (github-oidc-roles.ts). A role that sets its own
 * boundary keeps it.
 */
class PermissionsBoundary implements IAspect {
  constructor(private readonly arn: string) {}
  visit(node: IConstruct): void {
    if (node instanceof IamRole && node.permissionsBoundaryInput === undefined) node.permissionsBoundary = this.arn;
  }
}

/** Where a stack keeps its Terraform state. */
export type StateBackend =
  | { readonly type: 's3'; readonly bucket: string; readonly region: string; readonly kmsKeyId?: string }
  | { readonly type: 'local' };

export interface PlatformStackProps {
  /** `dev`, `staging`, `prod` or a preview such as `pr-123`: first half of the stack id and of the state key. */
  readonly environment: string;
  /**
   * The `env` default tag when it differs from `environment`: a preview is tagged with the
   * environment whose account it lives in (and policy rules judge it as that environment).
   * @default environment
   */
  readonly environmentTag?: string;
  /** `network`, `data`...: second half of the stack id and of the state key. */
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  readonly backend: StateBackend;
  /** Tags on every resource, with `env` and `stack` added (the provider's default_tags). */
  readonly tags: Readonly<Record<string, string>> & { readonly project: string; readonly owner: string };
}

/**
 * Base of every stack: id `<env>-<stack>`, an AWS provider pinned to the environment's account
 * (a wrong credential fails the plan instead of touching another account) with default tags
 * project/env/stack/owner, and the S3 backend at `<env>/<stack>.tfstate`, encrypted, with
 * S3-native locking (`use_lockfile`, no DynamoDB lock table), and `required_version`.
 */
export class PlatformStack extends TerraformStack {
  readonly environment: string;
  readonly stackName: string;
  readonly accountId: string;
  readonly region: string;
  readonly provider: AwsProvider;
  readonly stateKey: string;

  constructor(scope: Construct, props: PlatformStackProps) {
    requireMatch('PlatformStack', 'environment', props.environment, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'lowercase letters and digits, "-" between words');
    const environmentTag = requireMatch('PlatformStack', 'environmentTag', props.environmentTag ?? props.environment, /^[a-z][a-z0-9-]*$/, 'lowercase letters, digits or "-"');
    requireMatch('PlatformStack', 'stackName', props.stackName, /^[a-z][a-z0-9-]*$/, 'lowercase letters, digits or "-"');
    requireMatch('PlatformStack', 'accountId', props.accountId, /^\d{12}$/, 'a 12-digit AWS account id');
    super(scope, `${props.environment}-${props.stackName}`);
    this.environment = props.environment;
    this.stackName = props.stackName;
    this.accountId = props.accountId;
    this.region = props.region;
    this.stateKey = `${props.environment}/${props.stackName}.tfstate`;

    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      allowedAccountIds: [props.accountId],
      defaultTags: [{ tags: { ...props.tags, env: environmentTag, stack: props.stackName } }],
    });

    // The state stack holds the CI roles themselves (applied by an administrator, never by CI).
    if (props.stackName !== 'state') {
      Aspects.of(this).add(new PermissionsBoundary(`arn:aws:iam::${props.accountId}:policy/${workloadBoundaryName(environmentTag)}`));
    }

    // The AWS provider's exact version comes from @cdktf/provider-aws (required_providers);
    // the Terraform CLI's range is set here, so an old or a future major CLI refuses at init.
    this.addOverride('terraform.required_version', TERRAFORM_REQUIRED_VERSION);

    if (props.backend.type === 's3') {
      requireMatch('PlatformStack', 'backend.bucket', props.backend.bucket, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name');
      const backend = new S3Backend(this, {
        bucket: props.backend.bucket,
        key: this.stateKey,
        region: props.backend.region,
        encrypt: true,
        ...(props.backend.kmsKeyId ? { kmsKeyId: props.backend.kmsKeyId } : {}),
      });
      // S3-native state locking (Terraform >= 1.10): a lock file next to the state.
      backend.addOverride('use_lockfile', true);
    } else if (props.backend.type === 'local') {
      new LocalBackend(this, { path: `terraform.${this.node.id}.tfstate` });
    } else {
      throw new InvalidPropsError('PlatformStack', 'backend.type must be "s3" or "local"');
    }
  }
}
