import { ServiceConnectFargateService, ServiceConnectFargateServiceProps } from '../src';
import { commonServiceProps, serviceFixtures } from './fixtures';
import { newStack, only, resources, synth } from './support';

function build(override: Partial<ServiceConnectFargateServiceProps> = {}) {
  const stack = newStack();
  const f = serviceFixtures(stack);
  const service = new ServiceConnectFargateService(stack, 'backend', {
    ...commonServiceProps(f),
    namePrefix: 'dev-ledger',
    containerName: 'ledger',
    namespaceArn: 'arn:aws:servicediscovery:eu-west-1:000000000000:namespace/ns-1',
    discoveryName: 'ledger',
    containerPort: 8080,
    ...override,
  });
  return { service, json: synth(stack) };
}

describe('ServiceConnectFargateService', () => {
  it('serves its port through Service Connect under its discovery name, with no load balancer', () => {
    const { json, service } = build();
    const ecs = only(json, 'aws_ecs_service');
    expect(ecs.service_connect_configuration).toEqual({
      enabled: true,
      namespace: 'arn:aws:servicediscovery:eu-west-1:000000000000:namespace/ns-1',
      service: [{ port_name: 'http', discovery_name: 'ledger', client_alias: { port: 8080, dns_name: 'ledger' } }],
    });
    expect(ecs.load_balancer).toBeUndefined();
    expect(service.endpoint).toBe('http://ledger:8080');
    const container = JSON.parse(only(json, 'aws_ecs_task_definition').container_definitions)[0];
    expect(container.portMappings).toEqual([{ containerPort: 8080, protocol: 'tcp', name: 'http' }]);
    expect(container.healthCheck.command.join(' ')).toContain('http://127.0.0.1:8080/healthz');
  });

  it('admits its port from inside the VPC only', () => {
    const ingress = resources(build().json, 'aws_vpc_security_group_ingress_rule');
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatchObject({ from_port: 8080, to_port: 8080 });
    expect(ingress[0].cidr_ipv4).toMatch(/aws_vpc\..*cidr_block/);
  });

  it('waits for its execution-role policy before starting tasks', () => {
    expect(only(build().json, 'aws_ecs_service').depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/execution-policy/)]));
  });

  it.each<[Partial<ServiceConnectFargateServiceProps>, RegExp]>([
    [{ discoveryName: 'Ledger_1' }, /discoveryName must be a lowercase DNS label/],
    [{ containerPort: 0 }, /containerPort must be an integer from 1 to 65535/],
  ])('rejects %p', (override, message) => {
    expect(() => build(override)).toThrow(message);
  });
});
