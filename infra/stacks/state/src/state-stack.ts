import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { GithubOidcRoles, PlatformStack, StateBucket } from '@platform/infra-modules';
import { EnvironmentConfig, stackSettings } from '@platform/infra-config';

export interface StateStackProps {
  readonly config: EnvironmentConfig;
}

/**
 * Once per account (each environment has its own account): the Terraform state bucket and key
 * every other stack's backend points at, and the GitHub OIDC roles CI plans and applies with.
 * Bootstrapped with local state, then migrated into its own bucket (docs/operations.md).
 */
export class StateStack extends PlatformStack {
  readonly stateBucket: StateBucket;
  readonly githubRoles: GithubOidcRoles;

  constructor(scope: Construct, props: StateStackProps) {
    super(scope, stackSettings(props.config, 'state'));
    const { config } = props;
    this.stateBucket = new StateBucket(this, 'state-bucket', {
      bucketName: config.stateBucketName,
      accountId: config.accountId,
      region: config.region,
    });
    this.githubRoles = new GithubOidcRoles(this, 'github', {
      namePrefix: config.name,
      repository: config.githubRepository,
      applyEnvironment: config.name,
      previewEnvironment: config.previewGithubEnvironment,
      stateBucket: this.stateBucket,
      accountId: config.accountId,
    });
    // Read by CI to configure aws-actions/configure-aws-credentials.
    new TerraformOutput(this, 'plan-role-arn', { value: this.githubRoles.planRoleArn });
    new TerraformOutput(this, 'apply-role-arn', { value: this.githubRoles.applyRoleArn });
    if (this.githubRoles.previewRoleArn) {
      // AWS_APPLY_ROLE_ARN of the `preview` GitHub environment.
      new TerraformOutput(this, 'preview-role-arn', { value: this.githubRoles.previewRoleArn });
    }
  }
}
