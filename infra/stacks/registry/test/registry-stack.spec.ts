import { App, Testing } from 'cdktf';
import { loadEnvironment } from '@platform/infra-config';
import { RegistryStack } from '../src';

const SERVICES = ['api', 'purge-expired', 'worker'];

describe('RegistryStack', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json: any = JSON.parse(Testing.synth(new RegistryStack(Testing.app() as App, { config: loadEnvironment('dev', {}), services: SERVICES })));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const repos: any[] = Object.values(json.resource.aws_ecr_repository);

  it('has one immutable (but for deployed-* tags), scanned, KMS-encrypted repository per catalog service', () => {
    expect(repos.map((r) => r.name).sort()).toEqual(SERVICES.map((i) => `fargate-platform/${i}`));
    for (const repo of repos) {
      expect(repo.image_tag_mutability).toBe('IMMUTABLE_WITH_EXCLUSION');
      expect(repo.image_tag_mutability_exclusion_filter).toEqual([{ filter: 'deployed-*', filter_type: 'WILDCARD' }]);
      expect(repo.image_scanning_configuration.scan_on_push).toBe(true);
      expect(repo.encryption_configuration[0].kms_key).toMatch(/aws_kms_key/);
    }
  });

  it('has a lifecycle policy per repository that expires only untagged and preview images', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const policies: any[] = Object.values(json.resource.aws_ecr_lifecycle_policy);
    expect(policies).toHaveLength(repos.length);
    for (const policy of policies) {
      const rules = JSON.parse(policy.policy).rules;
      expect(rules[0].selection.tagStatus).toBe('untagged');
      expect(rules[1].selection.tagPrefixList).toEqual(['pr-']);
      expect(rules).toHaveLength(2);
    }
  });

  it('keeps state at dev/registry.tfstate', () => {
    expect(json.terraform.backend.s3.key).toBe('dev/registry.tfstate');
  });
});
