import { ConfigError } from './config-error';
import type { EnvironmentConfig, ServiceSizing } from './environment-config';

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-4])$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/;
const LOG_RETENTION = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/**
 * Checks one environment and returns it unchanged; the first problem throws a ConfigError that
 * names the environment and the field (and both fields when two disagree).
 */
export function validateConfig(config: EnvironmentConfig): EnvironmentConfig {
  const fail = (message: string): never => {
    throw new ConfigError(`${config.name}: ${message}`);
  };
  if (!/^\d{12}$/.test(config.accountId)) fail(`accountId must be 12 digits, got "${config.accountId}"`);
  if (!REGION.test(config.region)) fail(`region must look like "eu-west-1", got "${config.region}"`);
  if (!CIDR.test(config.vpcCidr)) fail(`vpcCidr must be an IPv4 CIDR from /16 to /24, got "${config.vpcCidr}"`);
  if (!Number.isInteger(config.azCount) || config.azCount < 2 || config.azCount > 6) {
    fail(`azCount must be an integer from 2 to 6 (high availability needs two zones), got ${config.azCount}`);
  }
  if (!Number.isInteger(config.natGateways) || config.natGateways < 1 || config.natGateways > config.azCount) {
    fail(`natGateways (${config.natGateways}) must be from 1 to azCount (${config.azCount})`);
  }
  checkSizing(fail, 'api', config.api);
  checkSizing(fail, 'worker', config.worker);
  if (config.domain && !CERTIFICATE_ARN.test(config.domain.certificateArn)) {
    fail(`domain.certificateArn must be an ACM certificate ARN, got "${config.domain.certificateArn}"`);
  }
  if (!EMAIL.test(config.alarmEmail)) fail(`alarmEmail must be an e-mail address, got "${config.alarmEmail}"`);
  if (!LOG_RETENTION.includes(config.logRetentionDays)) {
    fail(`logRetentionDays must be a CloudWatch retention value (${LOG_RETENTION.join(', ')}), got ${config.logRetentionDays}`);
  }
  if (!LOG_RETENTION.includes(config.flowLogRetentionDays)) {
    fail(`flowLogRetentionDays must be a CloudWatch retention value, got ${config.flowLogRetentionDays}`);
  }
  if (config.name !== 'dev' && !config.deletionProtection) {
    fail('deletionProtection must be on outside dev');
  }
  for (const [service, tag] of Object.entries(config.imageTags)) {
    if (tag === 'latest') fail(`imageTags.${service} must not be "latest"`);
  }
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(config.githubRepository)) {
    fail(`githubRepository must be "owner/name", got "${config.githubRepository}"`);
  }
  for (const secret of config.apiSecrets) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(secret.envName)) fail(`apiSecrets.envName must be UPPER_SNAKE_CASE, got "${secret.envName}"`);
    if (!secret.parameterName.startsWith('/')) fail(`apiSecrets.${secret.envName}.parameterName must start with "/"`);
  }
  return config;
}

function checkSizing(fail: (message: string) => never, service: string, sizing: ServiceSizing): void {
  for (const field of ['cpu', 'memoryLimitMiB', 'desiredCount', 'minCount', 'maxCount'] as const) {
    if (!Number.isInteger(sizing[field]) || sizing[field] < 1) fail(`${service}.${field} must be a positive integer, got ${sizing[field]}`);
  }
  if (sizing.minCount > sizing.maxCount) {
    fail(`${service}.minCount (${sizing.minCount}) must not exceed ${service}.maxCount (${sizing.maxCount})`);
  }
  if (sizing.desiredCount < sizing.minCount || sizing.desiredCount > sizing.maxCount) {
    fail(`${service}.desiredCount (${sizing.desiredCount}) must lie between ${service}.minCount and ${service}.maxCount`);
  }
}
