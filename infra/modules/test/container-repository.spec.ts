import { ContainerRepository } from '../src';
import { newStack, only, synthWith, testKey } from './support';

describe('ContainerRepository', () => {
  it('is immutable, scanned on push and KMS-encrypted', () => {
    const json = synthWith((s) => new ContainerRepository(s, 'repo', { repositoryName: 'dev/api', encryptionKey: testKey(s) }));
    const repo = only(json, 'aws_ecr_repository');
    expect(repo.image_tag_mutability).toBe('IMMUTABLE');
    expect(repo.image_scanning_configuration.scan_on_push).toBe(true);
    expect(repo.encryption_configuration[0].encryption_type).toBe('KMS');
    expect(repo.encryption_configuration[0].kms_key).toMatch(/aws_kms_key/);
  });

  it('defaults to the AWS managed KMS key without a customer key', () => {
    const json = synthWith((s) => new ContainerRepository(s, 'repo', { repositoryName: 'dev/api' }));
    expect(only(json, 'aws_ecr_repository').encryption_configuration[0]).toEqual({ encryption_type: 'KMS' });
  });

  it('expires untagged images after 7 days and keeps the newest 50 tagged images by default', () => {
    const json = synthWith((s) => new ContainerRepository(s, 'repo', { repositoryName: 'dev/api' }));
    const rules = JSON.parse(only(json, 'aws_ecr_lifecycle_policy').policy).rules;
    expect(rules[0].selection).toMatchObject({ tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7 });
    expect(rules[1].selection).toMatchObject({ tagStatus: 'tagged', countType: 'imageCountMoreThan', countNumber: 50 });
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
    [{ maxTaggedImages: 2 }, /maxTaggedImages must be at least 5/],
  ])('rejects %p', (override, message) => {
    expect(() => new ContainerRepository(newStack(), 'repo', { repositoryName: 'dev/api', ...override })).toThrow(message);
  });
});
