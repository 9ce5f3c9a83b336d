import { ConfigError } from './config-error';
import type { EnvironmentName } from './environment-config';
import type { Env } from './read-env';

/**
 * A per-pull-request copy of the service stack (`PREVIEW_ENVIRONMENT=pr-123`). It runs in the
 * account of `baseEnvironment` and reuses that environment's network, registry and tables; its
 * own names, state key and stack id all come from `name`, so .github/scripts can find and
 * destroy it: stack id `pr-123-service`, state `pr-123/service.tfstate` in the base's bucket.
 */
export interface PreviewEnvironment {
  /** `pr-<number>`: stack id prefix, state key prefix, resource name prefix. */
  readonly name: string;
  readonly pullRequest: number;
  /** The environment whose account and shared stacks the preview uses. */
  readonly baseEnvironment: EnvironmentName;
}

/** A pull request number of up to 7 digits keeps every derived name within AWS limits (ALB: 32). */
const PREVIEW_NAME = /^pr-([1-9][0-9]{0,6})$/;

/** The preview named by `PREVIEW_ENVIRONMENT`, or undefined when it is unset or empty. */
export function readPreviewEnvironment(env: Env): PreviewEnvironment | undefined {
  const value = env.PREVIEW_ENVIRONMENT?.trim();
  if (!value) return undefined;
  const match = PREVIEW_NAME.exec(value);
  if (!match) {
    throw new ConfigError(
      `PREVIEW_ENVIRONMENT must be "pr-<pull request number>" such as "pr-123" (lowercase, no leading zero, up to 7 digits), got "${value}"`,
    );
  }
  return { name: value, pullRequest: Number(match[1]), baseEnvironment: 'dev' };
}
