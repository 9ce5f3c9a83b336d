import { ConfigError, deployableImageTag, environmentVariables, isDeploySynth, loadEnvironment, loadEnvironments } from '../src';

const ACCOUNT = '111111111111';
const CERT = `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/abc`;
/** What CI sets for a deploy of staging: account, image tags, domain and certificate. */
const STAGING_READY = {
  STAGING_AWS_ACCOUNT_ID: ACCOUNT,
  API_IMAGE_TAG: 'nx-1',
  WORKER_IMAGE_TAG: 'nx-2',
  STAGING_DOMAIN_NAME: 'staging.example.com',
  STAGING_CERTIFICATE_ARN: CERT,
};

describe('synth for a deploy', () => {
  it('keeps placeholders for a local synth', () => {
    expect(loadEnvironments({}).map((c) => c.accountId)).toEqual(['000000000000', '000000000000', '000000000000']);
  });

  it('accepts an environment whose variables are all set', () => {
    const staging = loadEnvironment('staging', { ...STAGING_READY, DEPLOY_ENVIRONMENT: 'staging' });
    expect(staging.accountId).toBe(ACCOUNT);
    expect(staging.domain?.certificateArn).toBe(CERT);
  });

  it.each([
    ['STAGING_AWS_ACCOUNT_ID', { STAGING_AWS_ACCOUNT_ID: undefined }, 'STAGING_AWS_ACCOUNT_ID is not set'],
    ['the placeholder account id', { STAGING_AWS_ACCOUNT_ID: '000000000000' }, 'STAGING_AWS_ACCOUNT_ID is not set (or is the placeholder 000000000000)'],
    ['the certificate', { STAGING_DOMAIN_NAME: undefined, STAGING_CERTIFICATE_ARN: undefined }, 'STAGING_CERTIFICATE_ARN is not set (with STAGING_DOMAIN_NAME)'],
  ])('DEPLOY_ENVIRONMENT=staging refuses a missing %s in one line naming the variable', (_, override, message) => {
    const env = { ...STAGING_READY, ...override, DEPLOY_ENVIRONMENT: 'staging' };
    expect(() => loadEnvironment('staging', env)).toThrow(ConfigError);
    expect(() => loadEnvironment('staging', env)).toThrow(message);
    try {
      loadEnvironment('staging', env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it.each([
    ['worker', { WORKER_IMAGE_TAG: undefined }, 'WORKER_IMAGE_TAG is not set (tag "unreleased"): a deploy of staging needs it for svc-worker'],
    ['api', { API_IMAGE_TAG: 'unreleased' }, 'API_IMAGE_TAG is not set'],
    ['purge-expired', {}, 'PURGE_EXPIRED_IMAGE_TAG is not set (tag "unreleased")'],
  ])('DEPLOY_ENVIRONMENT=staging refuses an unset image tag of catalog service %s in one line naming the variable', (service, override, message) => {
    const env = { ...STAGING_READY, ...override, DEPLOY_ENVIRONMENT: 'staging' };
    expect(() => deployableImageTag(env, 'staging', service)).toThrow(ConfigError);
    expect(() => deployableImageTag(env, 'staging', service)).toThrow(message);
    expect(deployableImageTag({ ...env, PURGE_EXPIRED_IMAGE_TAG: 'nx-3', WORKER_IMAGE_TAG: 'nx-2', API_IMAGE_TAG: 'nx-1' }, 'staging', service)).toMatch(/^nx-\d$/);
    expect(deployableImageTag({ ...override }, 'staging', service)).toBe('unreleased'); // a local synth keeps the placeholder
    expect(deployableImageTag(env, 'prod', service)).toBe('unreleased'); // another environment is not strict
  });

  it('DEPLOY_ENVIRONMENT=staging leaves the other environments as they are', () => {
    const all = loadEnvironments({ ...STAGING_READY, DEPLOY_ENVIRONMENT: 'staging' });
    expect(all.map((c) => [c.name, c.accountId])).toEqual([
      ['dev', '000000000000'],
      ['staging', ACCOUNT],
      ['prod', '000000000000'],
    ]);
  });

  it('SYNTH_FOR_DEPLOY=1 is strict for every environment loaded', () => {
    expect(() => loadEnvironments({ ...STAGING_READY, SYNTH_FOR_DEPLOY: '1' })).toThrow('DEV_AWS_ACCOUNT_ID is not set');
    expect(() => loadEnvironments({ ...STAGING_READY, SYNTH_FOR_DEPLOY: '1', ENVIRONMENTS: 'staging,prod' })).toThrow('PROD_AWS_ACCOUNT_ID is not set');
    expect(() => loadEnvironments({ SYNTH_FOR_DEPLOY: 'yes' })).toThrow('SYNTH_FOR_DEPLOY must be "1" or "0"');
  });

  it('dev deploys without a certificate (HTTP only); a preview deploy is strict for dev', () => {
    const dev = { DEV_AWS_ACCOUNT_ID: ACCOUNT, API_IMAGE_TAG: 'nx-1', WORKER_IMAGE_TAG: 'nx-2' };
    expect(loadEnvironment('dev', { ...dev, DEPLOY_ENVIRONMENT: 'dev' }).domain).toBeUndefined();
    expect(isDeploySynth({ DEPLOY_ENVIRONMENT: 'pr-12' }, 'dev')).toBe(true);
    expect(isDeploySynth({ DEPLOY_ENVIRONMENT: 'pr-12' }, 'prod')).toBe(false);
    expect(() => loadEnvironment('dev', { DEPLOY_ENVIRONMENT: 'pr-12' })).toThrow('DEV_AWS_ACCOUNT_ID is not set');
  });

  it('lists the variables CI passes per environment', () => {
    expect(environmentVariables('prod')).toEqual(['PROD_AWS_ACCOUNT_ID', 'PROD_AWS_REGION', 'PROD_DOMAIN_NAME', 'PROD_CERTIFICATE_ARN', 'PROD_ALARM_EMAIL']);
  });
});
