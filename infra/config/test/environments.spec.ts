import { availabilityZones, ConfigError, imageTagVariable, loadEnvironment, loadEnvironments, PLACEHOLDER_ACCOUNT_ID, readImageTag, stackSettings, validateConfig } from '../src';

describe('environment config', () => {
  it('loads dev, staging and prod in promotion order with placeholder accounts by default', () => {
    const configs = loadEnvironments({});
    expect(configs.map((c) => c.name)).toEqual(['dev', 'staging', 'prod']);
    expect(configs.every((c) => c.accountId === PLACEHOLDER_ACCOUNT_ID)).toBe(true);
  });

  it('reads account ids, image tags and the repository from the environment', () => {
    const account = '1'.repeat(12);
    const prod = loadEnvironment('prod', { PROD_AWS_ACCOUNT_ID: account, GITHUB_REPOSITORY: 'acme/platform' });
    expect(prod.accountId).toBe(account);
    expect(prod.stateBucketName).toBe(`fargate-platform-tfstate-prod-${account}`);
    expect(readImageTag({ API_IMAGE_TAG: 'a1b2' }, imageTagVariable('api'))).toBe('a1b2');
    expect(readImageTag({}, imageTagVariable('purge-expired'))).toBe('unreleased');
    expect(imageTagVariable('purge-expired')).toBe('PURGE_EXPIRED_IMAGE_TAG');
    expect(() => readImageTag({ WORKER_IMAGE_TAG: 'latest' }, imageTagVariable('worker'))).toThrow(/WORKER_IMAGE_TAG must not be "latest"/);
    expect(prod.githubRepository).toBe('acme/platform');
  });

  it('has one NAT in dev and one per AZ in prod, deletion protection off in dev only', () => {
    const [dev, staging, prod] = loadEnvironments({});
    expect(dev.natGateways).toBe(1);
    expect(prod.natGateways).toBe(prod.azCount);
    expect([dev, staging, prod].map((c) => c.deletionProtection)).toEqual([false, true, true]);
    expect(availabilityZones(prod)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });

  it('narrows to ENVIRONMENTS and rejects unknown names', () => {
    expect(loadEnvironments({ ENVIRONMENTS: 'prod,dev' }).map((c) => c.name)).toEqual(['dev', 'prod']);
    expect(() => loadEnvironments({ ENVIRONMENTS: 'qa' })).toThrow(/unknown environment "qa"/);
  });

  it('rejects latest and malformed image tags', () => {
    expect(() => readImageTag({ API_IMAGE_TAG: 'latest' }, 'API_IMAGE_TAG')).toThrow(/API_IMAGE_TAG must not be "latest"/);
    expect(() => readImageTag({ WORKER_IMAGE_TAG: 'a b' }, 'WORKER_IMAGE_TAG')).toThrow(/WORKER_IMAGE_TAG must be a valid image tag/);
  });

  it('rejects a malformed account id', () => {
    expect(() => loadEnvironment('dev', { DEV_AWS_ACCOUNT_ID: '12345' })).toThrow(ConfigError);
    expect(() => loadEnvironment('dev', { DEV_AWS_ACCOUNT_ID: '12345' })).toThrow(/DEV_AWS_ACCOUNT_ID must be a 12-digit/);
  });

  it('needs domain name and certificate together', () => {
    expect(() => loadEnvironment('prod', { PROD_DOMAIN_NAME: 'scans.example.com' })).toThrow(
      /PROD_DOMAIN_NAME and PROD_CERTIFICATE_ARN must be set together/,
    );
    const cert = `arn:aws:acm:eu-west-1:${'2'.repeat(12)}:certificate/abc`;
    expect(loadEnvironment('prod', { PROD_DOMAIN_NAME: 'scans.example.com', PROD_CERTIFICATE_ARN: cert }).domain).toEqual({
      name: 'scans.example.com',
      certificateArn: cert,
    });
  });

  it('rejects an unknown STATE_STACK_BACKEND', () => {
    expect(() => loadEnvironment('dev', { STATE_STACK_BACKEND: 'consul' })).toThrow(/STATE_STACK_BACKEND must be "local"/);
  });

  it.each([
    [{ natGateways: 4 }, /natGateways \(4\) must be from 1 to azCount \(3\)/],
    [{ azCount: 1, natGateways: 1 }, /azCount must be an integer from 2 to 6/],
    [{ vpcCidr: '10.0.0.0/8' }, /vpcCidr must be an IPv4 CIDR/],
    [{ region: 'mars' }, /region must look like/],
    [{ alarmEmail: 'nobody' }, /alarmEmail must be an e-mail address/],
    [{ logRetentionDays: 10 }, /logRetentionDays must be a CloudWatch retention value/],
    [{ deletionProtection: false }, /deletionProtection must be on outside dev/],
    [{ domain: { name: 'x.example.com', certificateArn: 'nope' } }, /domain.certificateArn must be an ACM certificate ARN/],
  ])('prod rejects %p', (override, message) => {
    expect(() => validateConfig({ ...loadEnvironment('prod', {}), ...override })).toThrow(message);
  });

  it('gives every stack the S3 backend except a bootstrapping state stack', () => {
    const dev = loadEnvironment('dev', {});
    expect(stackSettings(dev, 'network').backend).toEqual({
      type: 's3',
      bucket: dev.stateBucketName,
      region: 'eu-west-1',
      kmsKeyId: `alias/${dev.stateBucketName}-state`,
    });
    expect(stackSettings(dev, 'state').backend.type).toBe('s3');
    const bootstrap = loadEnvironment('dev', { STATE_STACK_BACKEND: 'local' });
    expect(stackSettings(bootstrap, 'state').backend).toEqual({ type: 'local' });
    expect(stackSettings(bootstrap, 'network').backend.type).toBe('s3');
  });
});
