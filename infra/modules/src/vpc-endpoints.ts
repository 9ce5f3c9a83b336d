import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { InvalidPropsError, requireNonEmpty } from './validation';

/**
 * What a Fargate task in a private subnet calls: image pulls (ecr.api, ecr.dkr; layers come from
 * S3 through the gateway endpoint), awslogs (logs), the scan queue (sqs), SSM parameters injected
 * as secrets (ssm), KMS-encrypted queues and parameters (kms) and role credentials (sts).
 * Add `secretsmanager` when a task reads Secrets Manager secrets.
 */
export const DEFAULT_INTERFACE_ENDPOINT_SERVICES: readonly string[] = ['ecr.api', 'ecr.dkr', 'logs', 'sqs', 'ssm', 'kms', 'sts'];

/** Interface endpoints cost per AZ-hour: on in staging and prod, off in dev (tasks use the NAT gateway). */
export function defaultInterfaceEndpoints(environmentName: string): boolean {
  return environmentName !== 'dev';
}

export interface VpcEndpointsProps {
  /** Prefix of resource names, e.g. `prod`. */
  readonly namePrefix: string;
  readonly vpcId: string;
  /** Clients anywhere in the VPC may reach the endpoints on 443. */
  readonly vpcCidrBlock: string;
  /** One subnet per AZ (the private subnets): each endpoint gets a network interface in each. */
  readonly subnetIds: readonly string[];
  readonly region: string;
  /**
   * Service names after `com.amazonaws.<region>.`.
   * @default DEFAULT_INTERFACE_ENDPOINT_SERVICES
   */
  readonly services?: readonly string[];
}

/**
 * Interface VPC endpoints with private DNS, so AWS API calls from the private subnets resolve to
 * addresses inside the VPC and never leave it; one security group admits HTTPS from the VPC.
 */
export class VpcEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  /** The endpoints' security group: a task's egress rule on 443 to it reaches every endpoint. */
  readonly securityGroupId: string;
  readonly services: readonly string[];
  readonly endpoints: Readonly<Record<string, VpcEndpoint>>;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const name = 'VpcEndpoints';
    requireNonEmpty(name, 'namePrefix', props.namePrefix);
    const services = props.services ?? DEFAULT_INTERFACE_ENDPOINT_SERVICES;
    if (services.length === 0) throw new InvalidPropsError(name, 'services needs at least one service name');
    if (new Set(services).size !== services.length) throw new InvalidPropsError(name, `services repeats a name: ${services.join(', ')}`);
    for (const service of services) {
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(service)) {
        throw new InvalidPropsError(name, `services must be names like "ecr.api" (after com.amazonaws.<region>.), got "${service}"`);
      }
      if (service === 's3' || service === 'dynamodb') {
        throw new InvalidPropsError(name, `services must not list ${service}: the Network's gateway endpoint serves it at no hourly cost`);
      }
    }
    if (props.subnetIds.length === 0) throw new InvalidPropsError(name, 'subnetIds needs one subnet per availability zone');
    this.services = services;

    this.securityGroup = new SecurityGroup(this, 'sg', {
      name: `${props.namePrefix}-vpc-endpoints`,
      description: `${props.namePrefix} interface VPC endpoints: HTTPS from the VPC`,
      vpcId: props.vpcId,
      tags: { Name: `${props.namePrefix}-vpc-endpoints` },
    });
    this.securityGroupId = this.securityGroup.id;
    new VpcSecurityGroupIngressRule(this, 'https-from-vpc', {
      securityGroupId: this.securityGroup.id,
      description: 'HTTPS from the VPC to the AWS API endpoints',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidrBlock,
    });

    const endpoints: Record<string, VpcEndpoint> = {};
    for (const service of services) {
      endpoints[service] = new VpcEndpoint(this, service.replace(/\./g, '-'), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: `${props.namePrefix}-${service}` },
      });
    }
    this.endpoints = endpoints;
  }
}
