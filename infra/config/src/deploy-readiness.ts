import { ConfigError } from './config-error';
import type { EnvironmentConfig } from './environment-config';
import { Env, imageTagVariable, PLACEHOLDER_ACCOUNT_ID, readImageTag, readOptional, UNRELEASED_IMAGE_TAG } from './read-env';
import { serviceStackName } from './stack-names';

const PREVIEW = /^pr-[1-9]\d{0,6}$/;

/** Prefix of an environment's variables: `staging` -> `STAGING` (STAGING_AWS_ACCOUNT_ID...). */
export function variablePrefix(environment: string): string {
  return environment.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/**
 * Variables each environment reads (the GitHub environment variables CI passes to synth as
 * `vars.<NAME>`), per environment name.
 */
export function environmentVariables(environment: string): string[] {
  const prefix = variablePrefix(environment);
  return ['AWS_ACCOUNT_ID', 'AWS_REGION', 'DOMAIN_NAME', 'CERTIFICATE_ARN', 'ALARM_EMAIL'].map((suffix) => `${prefix}_${suffix}`);
}

/**
 * Whether this synth is for a deploy of `environment`: `SYNTH_FOR_DEPLOY=1` makes every
 * environment strict, `DEPLOY_ENVIRONMENT=<env>` only that one (a preview `pr-<n>` deploys into
 * `previewBase`, dev). Local synths set neither and keep their placeholders.
 */
export function isDeploySynth(env: Env, environment: string, previewBase = 'dev'): boolean {
  const forDeploy = readOptional(env, 'SYNTH_FOR_DEPLOY');
  if (forDeploy !== undefined && forDeploy !== '0' && forDeploy !== '1') {
    throw new ConfigError(`SYNTH_FOR_DEPLOY must be "1" or "0", got "${forDeploy}"`);
  }
  if (forDeploy === '1') return true;
  const target = readOptional(env, 'DEPLOY_ENVIRONMENT');
  if (target === undefined) return false;
  return (PREVIEW.test(target) ? previewBase : target) === environment;
}

/**
 * Refuses, for a deploy, what only a local synth may leave unset: the placeholder account id and
 * (outside dev) a missing domain certificate; image tags: deployableImageTag. The message names
 * the one variable to set.
 */
export function assertDeployable(config: EnvironmentConfig, env: Env): EnvironmentConfig {
  if (!isDeploySynth(env, config.name)) return config;
  const prefix = variablePrefix(config.name);
  const target = `a deploy of ${config.name} needs it`;
  if (config.accountId === PLACEHOLDER_ACCOUNT_ID) {
    throw new ConfigError(`${prefix}_AWS_ACCOUNT_ID is not set (or is the placeholder ${PLACEHOLDER_ACCOUNT_ID}): ${target} (GitHub environment variable)`);
  }
  if (config.name !== 'dev' && (config.domain === undefined || config.domain.placeholder)) {
    throw new ConfigError(`${prefix}_CERTIFICATE_ARN is not set (with ${prefix}_DOMAIN_NAME): ${target}, ${config.name} serves HTTPS only`);
  }
  return config;
}

/**
 * The image tag catalog service `service` runs in `environment` (`<NAME>_IMAGE_TAG`); for a deploy
 * of that environment an unset (`unreleased`) tag is refused in one line naming the variable.
 */
export function deployableImageTag(env: Env, environment: string, service: string): string {
  const variable = imageTagVariable(service);
  const tag = readImageTag(env, variable);
  if (tag === UNRELEASED_IMAGE_TAG && isDeploySynth(env, environment)) {
    throw new ConfigError(
      `${variable} is not set (tag "${UNRELEASED_IMAGE_TAG}"): a deploy of ${environment} needs it for ${serviceStackName(service)} (.github/scripts/image-tags.sh prints it)`,
    );
  }
  return tag;
}
