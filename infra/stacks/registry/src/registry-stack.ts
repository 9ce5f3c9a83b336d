import { Construct } from 'constructs';
import { ContainerRepository, EncryptionKey, PlatformStack } from '@platform/infra-modules';
import { EnvironmentConfig, imageRepositoryName, stackSettings } from '@platform/infra-config';

/** The `deploy:image` projects; each gets a repository named by `imageRepositoryName`. */
export const IMAGE_NAMES = ['api', 'worker'] as const;
export type ImageName = (typeof IMAGE_NAMES)[number];

export interface RegistryStackProps {
  readonly config: EnvironmentConfig;
}

/** ECR repositories of one environment, encrypted with one customer-managed key. */
export class RegistryStack extends PlatformStack {
  readonly encryptionKey: EncryptionKey;
  readonly repositories: Readonly<Record<ImageName, ContainerRepository>>;

  constructor(scope: Construct, props: RegistryStackProps) {
    super(scope, stackSettings(props.config, 'registry'));
    const { config } = props;
    this.encryptionKey = new EncryptionKey(this, 'key', {
      description: `${config.name} container images`,
      aliasName: `${config.name}-ecr`,
      accountId: config.accountId,
      region: config.region,
    });
    const repository = (image: ImageName) =>
      new ContainerRepository(this, image, { repositoryName: imageRepositoryName(image), encryptionKey: this.encryptionKey });
    this.repositories = { api: repository('api'), worker: repository('worker') };
  }
}
