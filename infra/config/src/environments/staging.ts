import type { EnvironmentConfig } from '../environment-config';
import { Env, readAccountId, readOptional, readStateStackBackend, stateBucketName } from '../read-env';
import { commonSettings, readDomain } from './common';

/** staging: prod's shape (NAT per AZ, protection on) at a smaller size. */
export function stagingConfig(env: Env = process.env): EnvironmentConfig {
  const common = commonSettings(env);
  const accountId = readAccountId(env, 'STAGING_AWS_ACCOUNT_ID');
  const region = readOptional(env, 'STAGING_AWS_REGION') ?? 'eu-west-1';
  return {
    ...common,
    name: 'staging',
    accountId,
    region,
    vpcCidr: '10.20.0.0/16',
    azCount: 2,
    natGateways: 2,
    domain: readDomain(env, 'STAGING', { environment: 'staging', region, accountId }),
    alarmEmail: readOptional(env, 'STAGING_ALARM_EMAIL') ?? 'platform-alerts+staging@example.com',
    logRetentionDays: 30,
    flowLogRetentionDays: 90,
    deletionProtection: true,
    stateBucketName: stateBucketName(common.project, 'staging', accountId),
    stateStackBackend: readStateStackBackend(env),
  };
}
