import type { EnvironmentConfig } from '../environment-config';
import { Env, readAccountId, readOptional, readStateStackBackend, stateBucketName } from '../read-env';
import { commonSettings, readDomain } from './common';

/** prod: three AZs with a NAT gateway each, deletion protection, longer retention. */
export function prodConfig(env: Env = process.env): EnvironmentConfig {
  const common = commonSettings(env);
  const accountId = readAccountId(env, 'PROD_AWS_ACCOUNT_ID');
  const region = readOptional(env, 'PROD_AWS_REGION') ?? 'eu-west-1';
  return {
    ...common,
    name: 'prod',
    accountId,
    region,
    vpcCidr: '10.30.0.0/16',
    azCount: 3,
    natGateways: 3,
    domain: readDomain(env, 'PROD', { environment: 'prod', region, accountId }),
    alarmEmail: readOptional(env, 'PROD_ALARM_EMAIL') ?? 'platform-alerts@example.com',
    logRetentionDays: 90,
    flowLogRetentionDays: 365,
    deletionProtection: true,
    stateBucketName: stateBucketName(common.project, 'prod', accountId),
    stateStackBackend: readStateStackBackend(env),
  };
}
