import { finding, type Rule } from '../../rule';
import { blocks } from '../../terraform/values';

/**
 * Release tags are content hashes and never move. IMMUTABLE_WITH_EXCLUSION passes only when every
 * excluded pattern is a `deployed-` marker tag (moved to what an environment runs, so the lifecycle
 * policy keeps it): a wildcard that could match a release tag (`*`, `nx-*`) fails.
 */
const MARKER_FILTER = /^deployed-[\w*.-]*$/;

export const repositoryImmutableTags: Rule = {
  id: 'CKV_AWS_51',
  title: 'ECR repository has immutable image tags',
  severity: 'high',
  category: 'registry',
  references: { checkov: ['CKV_AWS_51'], trivy: ['AVD-AWS-0031'] },
  remediation: 'Set image_tag_mutability = "IMMUTABLE" on the repository (tags are content hashes, never reused); exclude only deployed-* marker tags.',
  check: (stack) =>
    stack.ofType('aws_ecr_repository').flatMap((repository) => {
      const mutability = repository.config['image_tag_mutability'];
      if (mutability === 'IMMUTABLE') return [];
      if (mutability === 'IMMUTABLE_WITH_EXCLUSION') {
        const filters = blocks(repository.config['image_tag_mutability_exclusion_filter']).map((f) => String(f['filter'] ?? ''));
        const wide = filters.filter((filter) => !MARKER_FILTER.test(filter));
        if (filters.length > 0 && wide.length === 0) return [];
        return [finding(repository, `image_tag_mutability is IMMUTABLE_WITH_EXCLUSION with ${wide.length ? `filters that can match release tags: ${wide.join(', ')}` : 'no exclusion filter'}`)];
      }
      return [finding(repository, `image_tag_mutability is ${String(mutability ?? 'MUTABLE (default)')}`)];
    }),
};
