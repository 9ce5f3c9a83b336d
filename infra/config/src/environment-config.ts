/** Environments this platform deploys, in promotion order. */
export const ENVIRONMENT_NAMES = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENT_NAMES)[number];

/** A public host name served by the ALB with an ACM certificate for it. */
export interface DomainConfig {
  readonly name: string;
  readonly certificateArn: string;
  /** A stand-in for a local synth of an HTTPS-only environment (no real host name or certificate yet); a deploy synth refuses it. */
  readonly placeholder?: boolean;
}

/**
 * Everything that differs between environments, except the services: each service's size,
 * counts, variables and secrets per environment live in its manifest (apps/<name>/service.json).
 * One file per environment under `environments/`.
 */
export interface EnvironmentConfig {
  readonly name: EnvironmentName;
  /** `project` default tag and name prefix of global names. */
  readonly project: string;
  /** `owner` default tag: who is paged. */
  readonly owner: string;
  /** From `<ENV>_AWS_ACCOUNT_ID`; the placeholder `000000000000` when unset. Never commit a real id. */
  readonly accountId: string;
  readonly region: string;
  readonly vpcCidr: string;
  readonly azCount: number;
  /** 1..azCount: one in dev (cost), one per AZ in prod (an AZ outage keeps egress). */
  readonly natGateways: number;
  /** @default - none: the ALB serves HTTP only */
  readonly domain?: DomainConfig;
  readonly alarmEmail: string;
  /** CloudWatch Logs retention of the service log groups. */
  readonly logRetentionDays: number;
  /** Retention of the VPC flow logs. */
  readonly flowLogRetentionDays: number;
  /** Deletion protection on tables and the ALB; off in dev only. */
  readonly deletionProtection: boolean;
  /** Terraform state bucket of this environment's account. */
  readonly stateBucketName: string;
  /** Backend of the `state` stack itself: `local` only while bootstrapping (docs/operations.md). */
  readonly stateStackBackend: 'local' | 's3';
  /** `owner/name` of the GitHub repository whose workflows may assume the CI roles. */
  readonly githubRepository: string;
  /**
   * GitHub environment of pull-request previews (.github/workflows/preview.yml), whose jobs get
   * a deploy role in this account limited to `pr-*` names and state. Only the account previews
   * run in (dev) sets it. @default - none
   */
  readonly previewGithubEnvironment?: string;
}
