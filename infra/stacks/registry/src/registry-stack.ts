import { Construct } from 'constructs';
import { ContainerRepository, EncryptionKey, PlatformStack } from '@platform/infra-modules';
import { EnvironmentConfig, imageRepositoryName, stackSettings } from '@platform/infra-config';

export interface RegistryStackProps {
  readonly config: EnvironmentConfig;
  /** The services of the catalog (apps/<name>/service.json): one repository each. */
  readonly services: readonly string[];
}

/** ECR repositories of one environment, one per catalog service, encrypted with one customer-managed key. */
export class RegistryStack extends PlatformStack {
  readonly encryptionKey: EncryptionKey;
  readonly repositories: Readonly<Record<string, ContainerRepository>>;

  constructor(scope: Construct, props: RegistryStackProps) {
    super(scope, stackSettings(props.config, 'registry'));
    const { config } = props;
    this.encryptionKey = new EncryptionKey(this, 'key', {
      description: `${config.name} container images`,
      aliasName: `${config.name}-ecr`,
      accountId: config.accountId,
      region: config.region,
    });
    this.repositories = Object.fromEntries(
      props.services.map((image) => [
        image,
        new ContainerRepository(this, image, { repositoryName: imageRepositoryName(image), encryptionKey: this.encryptionKey }),
      ]),
    );
  }
}
