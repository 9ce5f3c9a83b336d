import { ContainerRepository } from '../src';
import { newStack, only, synthWith, testKey } from './support';

describe('ContainerRepository', () => {
  it('is immutable but for deployed-* tags, scanned on push and KMS-encrypted', () => {
    const json = synthWith((s) => new ContainerRepository(s, 'repo', { repositoryName: 'dev/api', encryptionKey: testKey(s) }));
    const repo = only(json, 'aws_ecr_repository');
    expect(repo.image_tag_mutability).toBe('IMMUTABLE_WITH_EXCLUSION');
    expect(repo.image_tag_mutability_exclusion_filter).toEqual([{ filter: 'deployed-*', filter_type: 'WILDCARD' }]);
    expect(repo.image_scanning_configuration.scan_on_push).toBe(true);
    expect(repo.encryption_configuration[0].encryption_type).toBe('KMS');
    expect(repo.encryption_configuration[0].kms_key).toMatch(/aws_kms_key/);
  });

  it('defaults to the AWS managed KMS key without a customer key', () => {
    const json = synthWith((s) => new ContainerRepository(s, 'repo', { repositoryName: 'dev/api' }));
    expect(only(json, 'aws_ecr_repository').encryption_configuration[0]).toEqual({ encryption_type: 'KMS' });
  });

  it('expires only untagged images (7 days) and preview images (pr-*, 14 days): never a release or deployed image', () => {
    const json = synthWith((s) => new ContainerRepository(s, 'repo', { repositoryName: 'dev/api' }));
    const rules = JSON.parse(only(json, 'aws_ecr_lifecycle_policy').policy).rules;
    expect(rules.map((r: { selection: object }) => r.selection)).toEqual([
      { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: 7 },
      { tagStatus: 'tagged', tagPrefixList: ['pr-'], countType: 'sinceImagePushed', countUnit: 'days', countNumber: 14 },
    ]);
    // a rule that could reach a deployed image: any tagged selection but the pr- prefix
    const reaches = (tags: string[]) =>
      rules.some((r: { selection: { tagStatus: string; tagPrefixList?: string[]; tagPatternList?: string[] } }) =>
        r.selection.tagStatus === 'any' || (r.selection.tagStatus === 'tagged' && tags.some((t) => (r.selection.tagPrefixList ?? []).some((p) => t.startsWith(p)) || (r.selection.tagPatternList ?? []).length > 0)),
      );
    expect(reaches(['deployed-prod', 'nx-123'])).toBe(false);
    expect(reaches(['pr-12-nx-123'])).toBe(true);
  });

  it('builds image URIs and refuses latest', () => {
    const repo = new ContainerRepository(newStack(), 'repo', { repositoryName: 'dev/api' });
    expect(repo.imageUri('abc123')).toMatch(/:abc123$/);
    expect(() => repo.imageUri('latest')).toThrow(/tag must not be "latest"/);
    expect(() => repo.imageUri('bad tag')).toThrow(/tag must be a valid image tag/);
  });

  it.each([
    [{ repositoryName: 'Dev/API' }, /repositoryName must be a lowercase ECR name/],
    [{ untaggedImageExpiryDays: 0 }, /untaggedImageExpiryDays must be an integer from 1 to 365/],
    [{ previewImageExpiryDays: 0 }, /previewImageExpiryDays must be an integer from 1 to 365/],
  ])('rejects %p', (override, message) => {
    expect(() => new ContainerRepository(newStack(), 'repo', { repositoryName: 'dev/api', ...override })).toThrow(message);
  });
});
