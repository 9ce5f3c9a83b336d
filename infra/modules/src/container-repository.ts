import { Construct } from 'constructs';
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { EcrLifecyclePolicy } from '@cdktf/provider-aws/lib/ecr-lifecycle-policy';
import { EncryptionKey } from './encryption-key';
import { InvalidPropsError, requireIntegerInRange, requireMatch } from './validation';

export interface ContainerRepositoryProps {
  /** Repository name, e.g. `dev/api`. */
  readonly repositoryName: string;
  /** Customer-managed key for image layers. @default - the AWS managed `aws/ecr` KMS key */
  readonly encryptionKey?: EncryptionKey;
  /**
   * Untagged images (failed or superseded pushes) expire this many days after the push.
   * @default 7
   */
  readonly untaggedImageExpiryDays?: number;
  /**
   * Images tagged `pr-<n>-...` (pull-request previews) expire this many days after the push.
   * @default 14
   */
  readonly previewImageExpiryDays?: number;
}

/** Tags CI moves after a deploy (`deployed-<env>`, .github/scripts/tag-deployed-images.sh). */
export const DEPLOYED_TAG_FILTER = 'deployed-*';
/** Tag prefix of preview images: the only tagged images the lifecycle expires. */
export const PREVIEW_TAG_PREFIX = 'pr-';

/**
 * An ECR repository: immutable tags (a tag always names the same image, which content-addressed
 * deploys rely on) except `deployed-*`, which CI moves to the image each environment runs; scan on
 * push; KMS encryption; and a lifecycle that expires only untagged images and preview (`pr-*`)
 * images by age. Content-addressed release tags never expire, so every image a task definition
 * ever ran, and therefore every rollback target, stays.
 */
export class ContainerRepository extends Construct {
  readonly repository: EcrRepository;
  readonly repositoryName: string;
  readonly repositoryArn: string;
  readonly repositoryUrl: string;

  constructor(scope: Construct, id: string, props: ContainerRepositoryProps) {
    super(scope, id);
    const name = 'ContainerRepository';
    requireMatch(
      name,
      'repositoryName',
      props.repositoryName,
      /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/,
      'a lowercase ECR name such as "dev/api"',
    );
    const untaggedDays = requireIntegerInRange(name, 'untaggedImageExpiryDays', props.untaggedImageExpiryDays ?? 7, 1, 365);
    const previewDays = requireIntegerInRange(name, 'previewImageExpiryDays', props.previewImageExpiryDays ?? 14, 1, 365);

    this.repository = new EcrRepository(this, 'repository', {
      name: props.repositoryName,
      imageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      imageTagMutabilityExclusionFilter: [{ filter: DEPLOYED_TAG_FILTER, filterType: 'WILDCARD' }],
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: [
        props.encryptionKey ? { encryptionType: 'KMS', kmsKey: props.encryptionKey.keyArn } : { encryptionType: 'KMS' },
      ],
    });
    this.repositoryName = this.repository.name;
    this.repositoryArn = this.repository.arn;
    this.repositoryUrl = this.repository.repositoryUrl;

    new EcrLifecyclePolicy(this, 'lifecycle', {
      repository: this.repository.name,
      policy: JSON.stringify({
        rules: [
          {
            rulePriority: 1,
            description: `Expire untagged images ${untaggedDays} days after push`,
            selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: untaggedDays },
            action: { type: 'expire' },
          },
          {
            rulePriority: 2,
            description: `Expire preview images (${PREVIEW_TAG_PREFIX}*) ${previewDays} days after push`,
            selection: { tagStatus: 'tagged', tagPrefixList: [PREVIEW_TAG_PREFIX], countType: 'sinceImagePushed', countUnit: 'days', countNumber: previewDays },
            action: { type: 'expire' },
          },
        ],
      }),
    });
  }

  /** Image reference for a tag; `latest` is refused because it makes deploys unrepeatable. */
  imageUri(tag: string): string {
    requireMatch('ContainerRepository', 'tag', tag, /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'a valid image tag');
    if (tag === 'latest') {
      throw new InvalidPropsError('ContainerRepository', 'tag must not be "latest"; pass the content-addressed tag of the image');
    }
    return `${this.repositoryUrl}:${tag}`;
  }
}
