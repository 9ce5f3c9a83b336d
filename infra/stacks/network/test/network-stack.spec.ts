import { App, Testing } from 'cdktf';
import { loadEnvironment } from '@platform/infra-config';
import { NetworkStack } from '../src';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const synth = (stack: NetworkStack): any => JSON.parse(Testing.synth(stack));
const count = (json: ReturnType<typeof synth>, type: string): number => Object.keys(json.resource[type] ?? {}).length;

describe('NetworkStack', () => {
  it('has one NAT gateway in dev and one per AZ in prod', () => {
    const dev = loadEnvironment('dev', {});
    const prod = loadEnvironment('prod', {});
    expect(count(synth(new NetworkStack(Testing.app() as App, { config: dev })), 'aws_nat_gateway')).toBe(1);
    expect(count(synth(new NetworkStack(Testing.app() as App, { config: prod })), 'aws_nat_gateway')).toBe(prod.azCount);
  });

  it('spans the configured AZs with public and private subnets, endpoints and flow logs', () => {
    const prod = loadEnvironment('prod', {});
    const json = synth(new NetworkStack(Testing.app() as App, { config: prod }));
    expect(count(json, 'aws_subnet')).toBe(2 * prod.azCount);
    // S3 and DynamoDB gateways plus the seven interface endpoints.
    expect(count(json, 'aws_vpc_endpoint')).toBe(9);
    expect(count(json, 'aws_flow_log')).toBe(1);
    expect(Object.values(json.resource.aws_vpc)[0]).toMatchObject({ cidr_block: prod.vpcCidr });
  });

  it('has interface endpoints in staging and prod, only the gateway endpoints in dev', () => {
    const endpoints = (env: 'dev' | 'staging' | 'prod') =>
      Object.values<{ vpc_endpoint_type: string }>(synth(new NetworkStack(Testing.app() as App, { config: loadEnvironment(env, {}) })).resource.aws_vpc_endpoint)
        .filter((e) => e.vpc_endpoint_type === 'Interface').length;
    expect((['dev', 'staging', 'prod'] as const).map(endpoints)).toEqual([0, 7, 7]);
  });

  it('keeps state at <env>/network.tfstate with encryption and lock files, tagged', () => {
    const json = synth(new NetworkStack(Testing.app() as App, { config: loadEnvironment('staging', {}) }));
    expect(json.terraform.backend.s3).toEqual({
      bucket: 'fargate-platform-tfstate-staging-000000000000',
      key: 'staging/network.tfstate',
      region: 'eu-west-1',
      encrypt: true,
      kms_key_id: 'alias/fargate-platform-tfstate-staging-000000000000-state',
      use_lockfile: true,
    });
    expect(json.provider.aws[0].default_tags[0].tags).toEqual({ project: 'fargate-platform', owner: 'platform-team', env: 'staging', stack: 'network' });
  });
});
