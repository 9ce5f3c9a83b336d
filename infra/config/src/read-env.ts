import { ConfigError } from './config-error';

export type Env = Readonly<Record<string, string | undefined>>;

/** Placeholder account id used when `<ENV>_AWS_ACCOUNT_ID` is unset: synth works, apply cannot. */
export const PLACEHOLDER_ACCOUNT_ID = '000000000000';

/** Tag used when a service's `<NAME>_IMAGE_TAG` is unset: deterministic, and never `latest`. */
export const UNRELEASED_IMAGE_TAG = 'unreleased';

const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

export function readAccountId(env: Env, variable: string): string {
  const value = env[variable]?.trim() || PLACEHOLDER_ACCOUNT_ID;
  if (!/^\d{12}$/.test(value)) {
    throw new ConfigError(`${variable} must be a 12-digit AWS account id, got "${value}"`);
  }
  return value;
}

/** The variable carrying a service's image tag into synth: `api` -> `API_IMAGE_TAG`, `purge-expired` -> `PURGE_EXPIRED_IMAGE_TAG`. */
export function imageTagVariable(service: string): string {
  return `${service.toUpperCase().replace(/-/g, '_')}_IMAGE_TAG`;
}

export function readImageTag(env: Env, variable: string): string {
  const value = env[variable]?.trim() || UNRELEASED_IMAGE_TAG;
  if (value === 'latest') {
    throw new ConfigError(`${variable} must not be "latest": pass the image's content-addressed tag so deploys are repeatable`);
  }
  if (!IMAGE_TAG.test(value)) {
    throw new ConfigError(`${variable} must be a valid image tag (letters, digits, "_", "." or "-", up to 128), got "${value}"`);
  }
  return value;
}

export function readOptional(env: Env, variable: string): string | undefined {
  const value = env[variable]?.trim();
  return value ? value : undefined;
}

export function readStateStackBackend(env: Env): 'local' | 's3' {
  const value = env.STATE_STACK_BACKEND?.trim() || 's3';
  if (value !== 'local' && value !== 's3') {
    throw new ConfigError(`STATE_STACK_BACKEND must be "local" (bootstrap) or "s3", got "${value}"`);
  }
  return value;
}

/** Name of the state bucket: unique per account, predictable for the backend blocks. */
export function stateBucketName(project: string, environment: string, accountId: string): string {
  return `${project}-tfstate-${environment}-${accountId}`;
}

/**
 * The state key's alias, as the state stack's StateBucket names it (`<bucket>-state`): backends
 * encrypt state with this customer-managed key instead of the S3 default (SSE-S3).
 */
export function stateKeyAlias(bucketName: string): string {
  return `alias/${bucketName}-state`;
}
