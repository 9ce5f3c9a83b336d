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

/** `<ENV>_DOMAIN_NAME` and `<ENV>_CERTIFICATE_ARN` together, or neither. */
export function readDomain(env: Env, prefix: string): DomainConfig | undefined {
  const nameVar = `${prefix}_DOMAIN_NAME`;
  const certVar = `${prefix}_CERTIFICATE_ARN`;
  const name = readOptional(env, nameVar);
  const certificateArn = readOptional(env, certVar);
  if ((name === undefined) !== (certificateArn === undefined)) {
    throw new ConfigError(`${nameVar} and ${certVar} must be set together (HTTPS needs both the host name and its certificate)`);
  }
  return name && certificateArn ? { name, certificateArn } : undefined;
}
