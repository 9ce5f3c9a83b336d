import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { EncryptionKey } from './encryption-key';
import { DEFAULT_INTERFACE_ENDPOINT_SERVICES, VpcEndpoints } from './vpc-endpoints';
import { policyDocument, serviceTrustPolicy } from './iam-policy';
import { parseCidr, subnetCidr } from './cidr';
import { InvalidPropsError, requireIntegerInRange, requireLogRetention, requireNonEmpty } from './validation';

export interface NetworkProps {
  /** Prefix of resource names, e.g. `dev`. */
  readonly namePrefix: string;
  /** IPv4 range of the VPC, e.g. `10.10.0.0/16` (/16 to /24). */
  readonly cidrBlock: string;
  /** Availability zone names; at least 2, each gets one public and one private subnet. */
  readonly availabilityZones: readonly string[];
  /**
   * NAT gateways (1..number of AZs). One per AZ keeps private subnets online when an AZ fails;
   * one is cheaper and fine for dev. Private subnet i routes through gateway i mod count.
   * @default - one per AZ
   */
  readonly natGateways?: number;
  /**
   * Bits added to the VPC prefix for each subnet (a /16 with 4 gives /20 subnets).
   * @default 4
   */
  readonly subnetNewBits?: number;
  /** @default 90 */
  readonly flowLogRetentionDays?: number;
  /** Key for the flow log group. @default - a new key for this network */
  readonly logsKey?: EncryptionKey;
  /**
   * Interface VPC endpoints (with private DNS) in the private subnets, so AWS API traffic stays in
   * the VPC and task egress can be limited to them (restrictTaskEgress). They cost per AZ-hour;
   * defaultInterfaceEndpoints(environment) turns them off in dev.
   * @default true
   */
  readonly interfaceEndpoints?: boolean;
  /**
   * Services of the interface endpoints (after `com.amazonaws.<region>.`).
   * @default DEFAULT_INTERFACE_ENDPOINT_SERVICES
   */
  readonly interfaceEndpointServices?: readonly string[];
  /** Needed when no `logsKey` is given (for the new key's policy), and for the flow-logs trust. */
  readonly accountId: string;
  readonly region: string;
}

/**
 * A VPC over >= 2 AZs: public subnets (ALB, NAT), private subnets (tasks), NAT gateways,
 * S3 and DynamoDB gateway endpoints (that traffic skips NAT), interface endpoints for the other
 * AWS APIs the tasks call (optional), a locked-down default security
 * group and VPC flow logs to an encrypted CloudWatch log group with retention.
 */
export class Network extends Construct {
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly vpcCidrBlock: string;
  readonly publicSubnetIds: string[];
  readonly privateSubnetIds: string[];
  readonly privateRouteTableIds: string[];
  readonly natGatewayCount: number;
  readonly availabilityZones: readonly string[];
  readonly flowLogGroupName: string;
  /** The interface endpoints, when `interfaceEndpoints` is on. */
  readonly vpcEndpoints?: VpcEndpoints;
  /** Security group of the interface endpoints; undefined without them. */
  readonly endpointSecurityGroupId?: string;
  /** Managed prefix list id of the S3 gateway endpoint (for egress rules). */
  readonly s3PrefixListId: string;
  /** Managed prefix list id of the DynamoDB gateway endpoint (for egress rules). */
  readonly dynamodbPrefixListId: string;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const name = 'Network';
    requireNonEmpty(name, 'namePrefix', props.namePrefix);
    const azs = props.availabilityZones;
    if (azs.length < 2) {
      throw new InvalidPropsError(name, `availabilityZones needs at least 2 zones for high availability, got ${azs.length}`);
    }
    if (new Set(azs).size !== azs.length) {
      throw new InvalidPropsError(name, `availabilityZones must not repeat a zone, got ${azs.join(', ')}`);
    }
    const cidr = parseCidr(props.cidrBlock);
    if (!cidr || cidr.prefixLength < 16 || cidr.prefixLength > 24) {
      throw new InvalidPropsError(name, `cidrBlock must be an aligned IPv4 CIDR from /16 to /24, got "${props.cidrBlock}"`);
    }
    const natCount = requireIntegerInRange(name, 'natGateways', props.natGateways ?? azs.length, 1, azs.length);
    const newBits = requireIntegerInRange(name, 'subnetNewBits', props.subnetNewBits ?? 4, 1, 28 - cidr.prefixLength);
    if (2 * azs.length > 2 ** newBits) {
      throw new InvalidPropsError(
        name,
        `subnetNewBits ${newBits} gives ${2 ** newBits} subnets but availabilityZones needs ${2 * azs.length}; raise subnetNewBits`,
      );
    }
    const retentionDays = requireLogRetention(name, 'flowLogRetentionDays', props.flowLogRetentionDays ?? 90);
    this.natGatewayCount = natCount;
    this.availabilityZones = azs;

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidrBlock,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: `${props.namePrefix}-vpc` },
    });
    this.vpcId = this.vpc.id;
    this.vpcCidrBlock = this.vpc.cidrBlock;

    // No rules: nothing may use the default security group by accident.
    new DefaultSecurityGroup(this, 'default-sg', { vpcId: this.vpc.id });

    const igw = new InternetGateway(this, 'igw', { vpcId: this.vpc.id, tags: { Name: `${props.namePrefix}-igw` } });
    const publicRoutes = new RouteTable(this, 'public-rt', { vpcId: this.vpc.id, tags: { Name: `${props.namePrefix}-public` } });
    new Route(this, 'public-default-route', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: igw.id,
    });

    const publicSubnets = azs.map((az, i) => {
      const subnet = new Subnet(this, `public-${i}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: subnetCidr(cidr, newBits, i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.namePrefix}-public-${az}`, Tier: 'public' },
      });
      new RouteTableAssociation(this, `public-${i}-rta`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
      return subnet;
    });

    const natGateways = publicSubnets.slice(0, natCount).map((subnet, i) => {
      const eip = new Eip(this, `nat-${i}-eip`, { domain: 'vpc', tags: { Name: `${props.namePrefix}-nat-${i}` } });
      return new NatGateway(this, `nat-${i}`, {
        allocationId: eip.allocationId,
        subnetId: subnet.id,
        tags: { Name: `${props.namePrefix}-nat-${i}` },
        dependsOn: [igw],
      });
    });

    const privateRouteTables: RouteTable[] = [];
    const privateSubnets = azs.map((az, i) => {
      const subnet = new Subnet(this, `private-${i}`, {
        vpcId: this.vpc.id,
        availabilityZone: az,
        cidrBlock: subnetCidr(cidr, newBits, azs.length + i),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${props.namePrefix}-private-${az}`, Tier: 'private' },
      });
      const routes = new RouteTable(this, `private-${i}-rt`, {
        vpcId: this.vpc.id,
        tags: { Name: `${props.namePrefix}-private-${az}` },
      });
      new Route(this, `private-${i}-default-route`, {
        routeTableId: routes.id,
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: natGateways[i % natCount].id,
      });
      new RouteTableAssociation(this, `private-${i}-rta`, { subnetId: subnet.id, routeTableId: routes.id });
      privateRouteTables.push(routes);
      return subnet;
    });

    this.publicSubnetIds = publicSubnets.map((s) => s.id);
    this.privateSubnetIds = privateSubnets.map((s) => s.id);
    this.privateRouteTableIds = privateRouteTables.map((r) => r.id);

    const gateways = ['s3', 'dynamodb'].map((service) =>
      new VpcEndpoint(this, `${service}-endpoint`, {
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: 'Gateway',
        routeTableIds: [...this.privateRouteTableIds, publicRoutes.id],
        tags: { Name: `${props.namePrefix}-${service}` },
      }),
    );
    this.s3PrefixListId = gateways[0].prefixListId;
    this.dynamodbPrefixListId = gateways[1].prefixListId;
    if (props.interfaceEndpoints ?? true) {
      this.vpcEndpoints = new VpcEndpoints(this, 'endpoints', {
        namePrefix: props.namePrefix,
        vpcId: this.vpc.id,
        vpcCidrBlock: this.vpc.cidrBlock,
        subnetIds: this.privateSubnetIds,
        region: props.region,
        services: props.interfaceEndpointServices ?? DEFAULT_INTERFACE_ENDPOINT_SERVICES,
      });
      this.endpointSecurityGroupId = this.vpcEndpoints.securityGroupId;
    } else if (props.interfaceEndpointServices !== undefined) {
      throw new InvalidPropsError(name, 'interfaceEndpointServices needs interfaceEndpoints: true');
    }

    const logsKey =
      props.logsKey ??
      new EncryptionKey(this, 'flow-logs-key', {
        description: `${props.namePrefix} VPC flow logs`,
        aliasName: `${props.namePrefix}-flow-logs`,
        accountId: props.accountId,
        region: props.region,
        servicePrincipals: ['logs'],
      });
    const logGroup = new CloudwatchLogGroup(this, 'flow-logs', {
      name: `/vpc/${props.namePrefix}/flow-logs`,
      retentionInDays: retentionDays,
      kmsKeyId: logsKey.keyArn,
    });
    this.flowLogGroupName = logGroup.name;
    const role = new IamRole(this, 'flow-logs-role', {
      name: `${props.namePrefix}-vpc-flow-logs`,
      // Amazon VPC user guide, "IAM role for publishing flow logs to CloudWatch Logs": the trust
      // condition keys that keep the service from assuming the role for another account's flow logs.
      assumeRolePolicy: serviceTrustPolicy('vpc-flow-logs.amazonaws.com', {
        StringEquals: { 'aws:SourceAccount': props.accountId },
        ArnLike: { 'aws:SourceArn': `arn:aws:ec2:${props.region}:${props.accountId}:vpc-flow-log/*` },
      }),
    });
    new IamRolePolicy(this, 'flow-logs-policy', {
      role: role.id,
      name: 'write-flow-logs',
      policy: policyDocument([
        {
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: [logGroup.arn, `${logGroup.arn}:*`],
        },
      ]),
    });
    new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      maxAggregationInterval: 60,
    });
  }
}
