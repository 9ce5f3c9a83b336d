import type { EnvironmentConfig } from '../environment-config';
import { Env, readAccountId, readOptional, readStateStackBackend, stateBucketName } from '../read-env';
import { commonSettings, readDomain } from './common';

/** dev: smallest footprint, one NAT gateway, no deletion protection, short retention. */
export function devConfig(env: Env = process.env): EnvironmentConfig {
  const common = commonSettings(env);
  const accountId = readAccountId(env, 'DEV_AWS_ACCOUNT_ID');
  return {
    ...common,
    name: 'dev',
    accountId,
    region: readOptional(env, 'DEV_AWS_REGION') ?? 'eu-west-1',
    vpcCidr: '10.10.0.0/16',
    azCount: 2,
    natGateways: 1,
    domain: readDomain(env, 'DEV'),
    alarmEmail: readOptional(env, 'DEV_ALARM_EMAIL') ?? 'platform-alerts+dev@example.com',
    logRetentionDays: 14,
    flowLogRetentionDays: 14,
    deletionProtection: false,
    stateBucketName: stateBucketName(common.project, 'dev', accountId),
    stateStackBackend: readStateStackBackend(env),
    // Previews (PREVIEW_ENVIRONMENT=pr-<n>) run in this account.
    previewGithubEnvironment: 'preview',
  };
}
