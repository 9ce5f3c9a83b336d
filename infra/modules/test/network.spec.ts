import { Network, NetworkProps } from '../src';
import { ACCOUNT_ID, newStack, only, REGION, resources, synthWith } from './support';

const props: NetworkProps = {
  namePrefix: 'dev',
  cidrBlock: '10.10.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  accountId: ACCOUNT_ID,
  region: REGION,
};

describe('Network', () => {
  it('defaults to one NAT gateway per AZ', () => {
    const json = synthWith((s) => new Network(s, 'net', props));
    expect(resources(json, 'aws_nat_gateway')).toHaveLength(3);
  });

  it('routes every private subnet through the configured NAT count', () => {
    const json = synthWith((s) => new Network(s, 'net', { ...props, natGateways: 1 }));
    expect(resources(json, 'aws_nat_gateway')).toHaveLength(1);
    const natRoutes = resources(json, 'aws_route').filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
  });

  it('creates a public and a private subnet per AZ with non-overlapping /20 ranges', () => {
    const json = synthWith((s) => new Network(s, 'net', props));
    const subnets = resources(json, 'aws_subnet');
    expect(subnets.map((s) => s.cidr_block).sort()).toEqual([
      '10.10.0.0/20',
      '10.10.16.0/20',
      '10.10.32.0/20',
      '10.10.48.0/20',
      '10.10.64.0/20',
      '10.10.80.0/20',
    ]);
    expect(new Set(subnets.map((s) => s.availability_zone)).size).toBe(3);
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
  });

  it('adds S3 and DynamoDB gateway endpoints', () => {
    const json = synthWith((s) => new Network(s, 'net', props));
    const endpoints = resources(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Gateway');
    expect(endpoints.map((e) => e.service_name).sort()).toEqual(['com.amazonaws.eu-west-1.dynamodb', 'com.amazonaws.eu-west-1.s3']);
  });

  it('sends flow logs to an encrypted log group with 90 days retention by default', () => {
    const json = synthWith((s) => new Network(s, 'net', props));
    expect(only(json, 'aws_flow_log').traffic_type).toBe('ALL');
    const group = only(json, 'aws_cloudwatch_log_group');
    expect(group.retention_in_days).toBe(90);
    expect(group.kms_key_id).toMatch(/aws_kms_key/);
  });

  it('locks down the default security group', () => {
    const json = synthWith((s) => new Network(s, 'net', props));
    const sg = only(json, 'aws_default_security_group');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  it.each([
    [{ availabilityZones: ['eu-west-1a'] }, /availabilityZones needs at least 2 zones/],
    [{ availabilityZones: ['eu-west-1a', 'eu-west-1a'] }, /availabilityZones must not repeat/],
    [{ natGateways: 0 }, /natGateways must be an integer from 1 to 3/],
    [{ natGateways: 4 }, /natGateways must be an integer from 1 to 3/],
    [{ cidrBlock: '10.10.0.0/8' }, /cidrBlock must be an aligned IPv4 CIDR/],
    [{ cidrBlock: '10.10.0.1/16' }, /cidrBlock must be an aligned IPv4 CIDR/],
    [{ subnetNewBits: 2 }, /subnetNewBits 2 gives 4 subnets but availabilityZones needs 6/],
    [{ flowLogRetentionDays: 10 }, /flowLogRetentionDays must be one of/],
    [{ namePrefix: ' ' }, /namePrefix must not be empty/],
  ])('rejects %p', (override, message) => {
    expect(() => new Network(newStack(), 'net', { ...props, ...override })).toThrow(message);
  });

  it('trusts VPC flow logs only for this account\'s flow logs (aws:SourceAccount and aws:SourceArn)', () => {
    const json = synthWith((s) => new Network(s, 'net', props));
    const trust = JSON.parse(only(json, 'aws_iam_role').assume_role_policy);
    expect(trust.Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:aws:ec2:eu-west-1:${ACCOUNT_ID}:vpc-flow-log/*` },
    });
  });
});
