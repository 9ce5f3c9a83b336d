import { TerraformStack } from 'cdktf';
import { SCAN_QUEUE, SCANS_TABLE, FINDINGS_TABLE } from '@platform/shared';
import { ContainerRepository, EncryptionKey, FargateCluster, Network, Queue, SharedLoadBalancer, SharedLoadBalancerProps, Table } from '../src';
import { ACCOUNT_ID, REGION, testKey } from './support';

/** The upstream constructs a service needs, built in one test stack. */
export function serviceFixtures(stack: TerraformStack) {
  const key = testKey(stack, 'data-key');
  const logsKey = new EncryptionKey(stack, 'logs-key', {
    description: 'logs',
    aliasName: 'test-logs',
    accountId: ACCOUNT_ID,
    region: REGION,
    servicePrincipals: ['logs'],
  });
  return {
    network: new Network(stack, 'net', {
      namePrefix: 'dev',
      cidrBlock: '10.10.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      natGateways: 1,
      // A dev-like network: tasks reach AWS APIs through NAT (the endpoint tests build their own).
      interfaceEndpoints: false,
      logsKey,
      accountId: ACCOUNT_ID,
      region: REGION,
    }),
    cluster: new FargateCluster(stack, 'cluster', { clusterName: 'dev-cluster' }),
    repository: new ContainerRepository(stack, 'repo', { repositoryName: 'dev/api' }),
    scans: new Table(stack, 'scans', { definition: SCANS_TABLE, tablePrefix: 'dev', encryptionKey: key }),
    findings: new Table(stack, 'findings', { definition: FINDINGS_TABLE, tablePrefix: 'dev', encryptionKey: key }),
    queue: new Queue(stack, 'queue', { definition: SCAN_QUEUE, queuePrefix: 'dev', encryptionKey: key }),
    logsKey,
  };
}

export type ServiceFixtures = ReturnType<typeof serviceFixtures>;

/** Props every Fargate service under test shares: the fixtures' cluster, network, image and logs key, the smallest task, 1 to 2 tasks. */
export function commonServiceProps(f: ServiceFixtures) {
  return {
    cluster: f.cluster,
    network: f.network,
    repository: f.repository,
    imageTag: 'abc123',
    cpu: 256,
    memoryLimitMiB: 512,
    desiredCount: 1,
    minCount: 1,
    maxCount: 2,
    logsKey: f.logsKey,
    accountId: ACCOUNT_ID,
    region: REGION,
  };
}

/** The environment's shared ALB, as the edge stack builds it. */
export function buildLoadBalancer(stack: TerraformStack, f: ServiceFixtures, override: Partial<SharedLoadBalancerProps> = {}) {
  return new SharedLoadBalancer(stack, 'alb', {
    namePrefix: 'dev',
    network: f.network,
    accountId: ACCOUNT_ID,
    accessLogsBucketName: 'dev-alb-logs-test',
    ...override,
  });
}

