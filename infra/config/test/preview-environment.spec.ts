import { ConfigError, loadEnvironment, readPreviewEnvironment, stackSettings } from '../src';

describe('preview environments', () => {
  it('is off unless PREVIEW_ENVIRONMENT is set', () => {
    expect(readPreviewEnvironment({})).toBeUndefined();
    expect(readPreviewEnvironment({ PREVIEW_ENVIRONMENT: '  ' })).toBeUndefined();
  });

  it('reads pr-<number> as a copy of dev', () => {
    expect(readPreviewEnvironment({ PREVIEW_ENVIRONMENT: 'pr-123' })).toEqual({ name: 'pr-123', pullRequest: 123, baseEnvironment: 'dev' });
    expect(readPreviewEnvironment({ PREVIEW_ENVIRONMENT: 'pr-9999999' })?.pullRequest).toBe(9999999);
  });

  it.each(['123', 'PR-1', 'pr-', 'pr-0', 'pr-012', 'pr-1a', 'pr-12345678', 'pr-1/../prod', 'prod', 'pr-*'])('rejects %p with a clear message', (value) => {
    expect(() => readPreviewEnvironment({ PREVIEW_ENVIRONMENT: value })).toThrow(ConfigError);
    expect(() => readPreviewEnvironment({ PREVIEW_ENVIRONMENT: value })).toThrow(`PREVIEW_ENVIRONMENT must be "pr-<pull request number>" such as "pr-123"`);
  });

  it('keeps a preview in the base account and state bucket, under its own stack id, key and tags', () => {
    const dev = loadEnvironment('dev', {});
    const preview = readPreviewEnvironment({ PREVIEW_ENVIRONMENT: 'pr-42' });
    const settings = stackSettings(dev, 'service', preview);
    expect(settings).toMatchObject({
      environment: 'pr-42',
      environmentTag: 'dev',
      accountId: dev.accountId,
      backend: { type: 's3', bucket: dev.stateBucketName },
      tags: { project: 'fargate-platform', owner: 'platform-team', preview: 'pr-42' },
    });
    expect(stackSettings(dev, 'service').tags).not.toHaveProperty('preview');
  });

  it('refuses a preview of another environment than its base', () => {
    const preview = readPreviewEnvironment({ PREVIEW_ENVIRONMENT: 'pr-42' });
    expect(() => stackSettings(loadEnvironment('prod', {}), 'service', preview)).toThrow('preview pr-42 runs in dev, not in prod');
  });
});
