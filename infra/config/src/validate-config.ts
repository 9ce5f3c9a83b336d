import { ConfigError } from './config-error';
import type { EnvironmentConfig } from './environment-config';

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
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(config.githubRepository)) {
    fail(`githubRepository must be "owner/name", got "${config.githubRepository}"`);
  }
  return config;
}
