import { ConfigError } from './config-error';
import type { EnvironmentConfig } from './environment-config';
import { Env, PLACEHOLDER_ACCOUNT_ID, readOptional, UNRELEASED_IMAGE_TAG } from './read-env';

const PREVIEW = /^pr-[1-9]\d{0,6}$/;

/** Prefix of an environment's variables: `staging` -> `STAGING` (STAGING_AWS_ACCOUNT_ID...). */
export function variablePrefix(environment: string): string {
  return environment.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** Variable that carries an image's tag: `api` -> `API_IMAGE_TAG` (as .github/scripts/image-tags.sh prints it). */
export function imageTagVariable(image: string): string {
  return `${variablePrefix(image)}_IMAGE_TAG`;
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
 * Refuses, for a deploy, what only a local synth may leave unset: the placeholder account id, an
 * `unreleased` image tag, and (outside dev) a missing domain certificate. The message names the
 * one variable to set.
 */
export function assertDeployable(config: EnvironmentConfig, env: Env): EnvironmentConfig {
  if (!isDeploySynth(env, config.name)) return config;
  const prefix = variablePrefix(config.name);
  const target = `a deploy of ${config.name} needs it`;
  if (config.accountId === PLACEHOLDER_ACCOUNT_ID) {
    throw new ConfigError(`${prefix}_AWS_ACCOUNT_ID is not set (or is the placeholder ${PLACEHOLDER_ACCOUNT_ID}): ${target} (GitHub environment variable)`);
  }
  for (const [image, tag] of Object.entries(config.imageTags as Readonly<Record<string, string>>)) {
    if (tag === UNRELEASED_IMAGE_TAG) {
      throw new ConfigError(`${imageTagVariable(image)} is not set (tag "${UNRELEASED_IMAGE_TAG}"): ${target} (.github/scripts/image-tags.sh prints it)`);
    }
  }
  if (config.name !== 'dev' && config.domain === undefined) {
    throw new ConfigError(`${prefix}_CERTIFICATE_ARN is not set (with ${prefix}_DOMAIN_NAME): ${target}, ${config.name} serves HTTPS only`);
  }
  return config;
}
