import { ConfigError } from './config-error';
import { ENVIRONMENT_NAMES, EnvironmentConfig, EnvironmentName } from './environment-config';
import { assertDeployable } from './deploy-readiness';
export { assertDeployable, deployableImageTag, environmentVariables, isDeploySynth, variablePrefix } from './deploy-readiness';
import { devConfig, prodConfig, stagingConfig } from './environments';
import type { Env } from './read-env';
import { validateConfig } from './validate-config';

const BUILDERS: Readonly<Record<EnvironmentName, (env: Env) => EnvironmentConfig>> = {
  dev: devConfig,
  staging: stagingConfig,
  prod: prodConfig,
};

/**
 * The validated config of one environment; for a deploy synth (SYNTH_FOR_DEPLOY=1 or
 * DEPLOY_ENVIRONMENT=<name>) also free of placeholders (deploy-readiness.ts).
 */
export function loadEnvironment(name: EnvironmentName, env: Env = process.env): EnvironmentConfig {
  return assertDeployable(validateConfig(BUILDERS[name](env)), env);
}

/**
 * Validated configs of the environments named in `ENVIRONMENTS` (comma-separated), or of all
 * of them, in promotion order.
 */
export function loadEnvironments(env: Env = process.env): EnvironmentConfig[] {
  const requested = env.ENVIRONMENTS?.split(',').map((s) => s.trim()).filter(Boolean);
  const names = requested?.length ? requested : [...ENVIRONMENT_NAMES];
  for (const name of names) {
    if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(`ENVIRONMENTS names unknown environment "${name}" (known: ${ENVIRONMENT_NAMES.join(', ')})`);
    }
  }
  return ENVIRONMENT_NAMES.filter((n) => names.includes(n)).map((n) => loadEnvironment(n, env));
}

/** Zone names for the config's azCount: the region's first zones (a, b, c...). */
export function availabilityZones(config: EnvironmentConfig): string[] {
  return 'abcdef'
    .slice(0, config.azCount)
    .split('')
    .map((letter) => `${config.region}${letter}`);
}

/** ARN of an SSM parameter of this environment's account. */
export function ssmParameterArn(config: EnvironmentConfig, parameterName: string): string {
  return `arn:aws:ssm:${config.region}:${config.accountId}:parameter${parameterName}`;
}
