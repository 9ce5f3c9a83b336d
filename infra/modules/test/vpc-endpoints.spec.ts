import { TerraformStack } from 'cdktf';
import { defaultInterfaceEndpoints, Network, NetworkProps, restrictTaskEgress, VpcEndpoints } from '../src';
import { ACCOUNT_ID, Json, newStack, REGION, resources, synthWith } from './support';

const props: NetworkProps = {
  namePrefix: 'prod',
  cidrBlock: '10.20.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  accountId: ACCOUNT_ID,
  region: REGION,
};

const interfaceEndpoints = (json: Json) => resources(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Interface');

describe('Network interface endpoints', () => {
  it('adds ECR api and dkr, logs, SQS, SSM, KMS and STS endpoints with private DNS in every private subnet by default', () => {
    const json = synthWith((s) => new Network(s, 'net', props));
    const endpoints = interfaceEndpoints(json);
    expect(endpoints.map((e) => e.service_name).sort()).toEqual(
      ['ecr.api', 'ecr.dkr', 'kms', 'logs', 'sqs', 'ssm', 'sts'].map((service) => `com.amazonaws.eu-west-1.${service}`),
    );
    for (const endpoint of endpoints) {
      expect(endpoint.private_dns_enabled).toBe(true);
      expect(endpoint.subnet_ids).toHaveLength(3);
      expect(endpoint.subnet_ids.every((id: string) => /aws_subnet\.net_private-/.test(id))).toBe(true);
      expect(endpoint.security_group_ids).toEqual([expect.stringMatching(/aws_security_group\.net_endpoints_sg_/)]);
    }
    const ingress = resources(json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress).toEqual([expect.objectContaining({ from_port: 443, to_port: 443, cidr_ipv4: expect.stringMatching(/aws_vpc\.net_vpc_.*\.cidr_block/) })]);
    // The S3 and DynamoDB gateway endpoints stay as they were.
    expect(resources(json, 'aws_vpc_endpoint').filter((e) => e.vpc_endpoint_type === 'Gateway')).toHaveLength(2);
  });

  it('leaves them out with interfaceEndpoints: false (dev, for cost) and rejects a service list then', () => {
    const json = synthWith((s) => new Network(s, 'net', { ...props, interfaceEndpoints: false }));
    expect(interfaceEndpoints(json)).toEqual([]);
    expect(resources(json, 'aws_security_group')).toEqual([]);
    expect(() => new Network(newStack(), 'net', { ...props, interfaceEndpoints: false, interfaceEndpointServices: ['sts'] })).toThrow(
      'interfaceEndpointServices needs interfaceEndpoints: true',
    );
  });

  it('takes an explicit service list (secretsmanager when tasks read Secrets Manager)', () => {
    const json = synthWith((s) => new Network(s, 'net', { ...props, interfaceEndpointServices: ['ecr.api', 'secretsmanager'] }));
    expect(interfaceEndpoints(json).map((e) => e.service_name)).toEqual(['com.amazonaws.eu-west-1.ecr.api', 'com.amazonaws.eu-west-1.secretsmanager']);
  });

  it.each([
    [['s3'], 'services must not list s3'],
    [['sts', 'sts'], 'services repeats a name'],
    [['com.amazonaws.eu-west-1.sts'], undefined],
    [['ECR'], 'services must be names like "ecr.api"'],
  ])('VpcEndpoints rejects services %j', (services, message) => {
    const build = () => new VpcEndpoints(newStack(), 'e', { namePrefix: 'p', vpcId: 'vpc-1', vpcCidrBlock: '10.0.0.0/16', subnetIds: ['subnet-1'], region: REGION, services });
    if (message) expect(build).toThrow(message);
    else expect(build).not.toThrow();
  });

  it('is on by default everywhere but dev', () => {
    expect(['dev', 'staging', 'prod'].map(defaultInterfaceEndpoints)).toEqual([false, true, true]);
  });
});

describe('restrictTaskEgress', () => {
  const egress = (network: Partial<NetworkProps>) =>
    synthWith((s: TerraformStack) => {
      const net = new Network(s, 'net', { ...props, ...network });
      restrictTaskEgress(s, 'sg-0123', net);
    });
  const summary = (json: Json) =>
    resources(json, 'aws_vpc_security_group_egress_rule').map((r) => ({
      to: r.cidr_ipv4 ?? r.prefix_list_id ?? r.referenced_security_group_id,
      ports: `${r.from_port}-${r.to_port}`,
    }));

  it('allows only 443 to the endpoints\' security group and the S3 and DynamoDB prefix lists', () => {
    const rules = summary(egress({}));
    expect(rules).toHaveLength(3);
    expect(rules).toEqual(
      expect.arrayContaining([
        { to: expect.stringMatching(/aws_vpc_endpoint\.net_s3-endpoint_.*\.prefix_list_id/), ports: '443-443' },
        { to: expect.stringMatching(/aws_vpc_endpoint\.net_dynamodb-endpoint_.*\.prefix_list_id/), ports: '443-443' },
        { to: expect.stringMatching(/aws_security_group\.net_endpoints_sg_.*\.id/), ports: '443-443' },
      ]),
    );
  });

  it('adds 0.0.0.0/0:443 instead when the network has no interface endpoints', () => {
    const targets = summary(egress({ interfaceEndpoints: false })).map((r) => r.to);
    expect(targets).toHaveLength(3);
    expect(targets).toEqual(expect.arrayContaining([expect.stringMatching(/s3-endpoint/), expect.stringMatching(/dynamodb-endpoint/), '0.0.0.0/0']));
  });
});
