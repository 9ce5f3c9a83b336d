import { Construct } from 'constructs';
import { defaultInterfaceEndpoints, Network, PlatformStack } from '@platform/infra-modules';
import { availabilityZones, EnvironmentConfig, stackSettings } from '@platform/infra-config';

export interface NetworkStackProps {
  readonly config: EnvironmentConfig;
}

/** The VPC of one environment: subnets over the configured AZs, NAT, endpoints (interface endpoints outside dev), flow logs. */
export class NetworkStack extends PlatformStack {
  readonly network: Network;

  constructor(scope: Construct, props: NetworkStackProps) {
    super(scope, stackSettings(props.config, 'network'));
    const { config } = props;
    this.network = new Network(this, 'network', {
      namePrefix: config.name,
      cidrBlock: config.vpcCidr,
      availabilityZones: availabilityZones(config),
      natGateways: config.natGateways,
      flowLogRetentionDays: config.flowLogRetentionDays,
      interfaceEndpoints: defaultInterfaceEndpoints(config.name),
      accountId: config.accountId,
      region: config.region,
    });
  }
}
