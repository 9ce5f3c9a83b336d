import { ConfigError } from '../config-error';
import type { DomainConfig } from '../environment-config';
import { PROJECT_NAME } from '../image-repository';
import { Env, readOptional } from '../read-env';

/** Values every environment shares; the environment files spread them and override the rest. */
export function commonSettings(env: Env) {
  return {
    project: PROJECT_NAME,
    owner: 'platform-team',
    githubRepository: readOptional(env, 'GITHUB_REPOSITORY') ?? 'example-org/fargate-platform',
  } as const;
}

/**
 * `<ENV>_DOMAIN_NAME` and `<ENV>_CERTIFICATE_ARN` together, or neither. An HTTPS-only environment
 * (`httpsOnly`: staging, prod) with neither gets a placeholder host and certificate, so a local synth
 * still has its HTTPS listener; a deploy synth refuses the placeholder (assertDeployable).
 */
export function readDomain(env: Env, prefix: string, httpsOnly?: { readonly environment: string; readonly region: string; readonly accountId: string }): DomainConfig | undefined {
  const nameVar = `${prefix}_DOMAIN_NAME`;
  const certVar = `${prefix}_CERTIFICATE_ARN`;
  const name = readOptional(env, nameVar);
  const certificateArn = readOptional(env, certVar);
  if ((name === undefined) !== (certificateArn === undefined)) {
    throw new ConfigError(`${nameVar} and ${certVar} must be set together (HTTPS needs both the host name and its certificate)`);
  }
  if (name && certificateArn) return { name, certificateArn };
  if (!httpsOnly) return undefined;
  return {
    name: `${httpsOnly.environment}.example.com`,
    certificateArn: `arn:aws:acm:${httpsOnly.region}:${httpsOnly.accountId}:certificate/00000000-0000-0000-0000-000000000000`,
    placeholder: true,
  };
}
