import { secureLoadBalancer } from '../helpers/compliant';
import { findings, flagged, ref, stackNamed } from '../helpers/stack-builder';
import { ruleById } from '../../src/rules';
import { Stack } from '../../src/terraform/stack';

const albGroup = ref('aws_security_group', 'alb_sg', 'id');

describe('PLAT_SG_PUBLIC_INGRESS', () => {
  it('catches the world on a service group, in all three rule shapes', () => {
    const stack = secureLoadBalancer(stackNamed())
      .resource('aws_security_group', 'api', {
        ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }],
      })
      .resource('aws_security_group_rule', 'api_http', {
        type: 'ingress',
        security_group_id: ref('aws_security_group', 'api', 'id'),
        from_port: 3000,
        to_port: 3000,
        protocol: 'tcp',
        ipv6_cidr_blocks: ['::/0'],
      })
      .resource('aws_vpc_security_group_ingress_rule', 'api_all', {
        security_group_id: ref('aws_security_group', 'api', 'id'),
        ip_protocol: '-1',
        cidr_ipv4: '0.0.0.0/0',
      });
    expect(findings('PLAT_SG_PUBLIC_INGRESS', stack)).toEqual([
      'aws_security_group.api: 0.0.0.0/0 may reach tcp port 22 of a group no load balancer uses',
      'aws_security_group_rule.api_http: ::/0 may reach tcp port 3000 of a group no load balancer uses',
      'aws_vpc_security_group_ingress_rule.api_all: 0.0.0.0/0 may reach all ports of a group no load balancer uses',
    ]);
  });

  it('catches a port other than 80/443 on the load balancer group', () => {
    const stack = secureLoadBalancer(stackNamed()).resource('aws_vpc_security_group_ingress_rule', 'wide', {
      security_group_id: albGroup,
      ip_protocol: 'tcp',
      from_port: 80,
      to_port: 443,
      cidr_ipv4: '0.0.0.0/0',
    });
    expect(findings('PLAT_SG_PUBLIC_INGRESS', stack)).toEqual([
      'aws_vpc_security_group_ingress_rule.wide: 0.0.0.0/0 may reach tcp ports 80-443 of the load balancer group (only TCP 80/443 allowed)',
    ]);
  });

  it('passes 80/443 from the world on the ALB group and group-to-group ingress for services', () => {
    const stack = secureLoadBalancer(stackNamed())
      .resource('aws_vpc_security_group_ingress_rule', 'http', { security_group_id: albGroup, ip_protocol: 'tcp', from_port: 80, to_port: 80, cidr_ipv4: '0.0.0.0/0' })
      .resource('aws_vpc_security_group_ingress_rule', 'https6', { security_group_id: albGroup, ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv6: '::/0' })
      .resource('aws_vpc_security_group_ingress_rule', 'api_from_alb', {
        security_group_id: ref('aws_security_group', 'api', 'id'),
        ip_protocol: 'tcp',
        from_port: 3000,
        to_port: 3000,
        referenced_security_group_id: albGroup,
      });
    expect(flagged('PLAT_SG_PUBLIC_INGRESS', stack)).toEqual([]);
  });
});

describe('CKV2_AWS_11', () => {
  it('catches a VPC without a flow log', () => {
    const stack = stackNamed()
      .resource('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' })
      .resource('aws_vpc', 'other', { cidr_block: '10.1.0.0/16' })
      .resource('aws_flow_log', 'main', { vpc_id: ref('aws_vpc', 'main', 'id'), traffic_type: 'ALL' });
    expect(flagged('CKV2_AWS_11', stack)).toEqual(['aws_vpc.other']);
  });

  it('passes a VPC with a flow log', () => {
    const stack = stackNamed()
      .resource('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' })
      .resource('aws_flow_log', 'main', { vpc_id: ref('aws_vpc', 'main', 'id'), traffic_type: 'ALL' });
    expect(flagged('CKV2_AWS_11', stack)).toEqual([]);
  });
});

describe('PLAT_VPC_MULTI_AZ', () => {
  const subnet = (az: unknown, extra: Record<string, unknown> = {}) => ({ vpc_id: ref('aws_vpc', 'main', 'id'), availability_zone: az, ...extra });

  it('catches a VPC whose subnets all sit in one zone', () => {
    const stack = stackNamed()
      .resource('aws_vpc', 'main', {})
      .resource('aws_subnet', 'a', subnet('eu-west-1a'))
      .resource('aws_subnet', 'b', subnet('eu-west-1a'));
    expect(findings('PLAT_VPC_MULTI_AZ', stack)).toEqual(['aws_vpc.main: VPC subnets span 1 availability zone(s), fewer than 2']);
  });

  it('passes two literal zones, two zone expressions and a counted subnet', () => {
    const literal = stackNamed().resource('aws_vpc', 'main', {}).resource('aws_subnet', 'a', subnet('eu-west-1a')).resource('aws_subnet', 'b', subnet('eu-west-1b'));
    expect(flagged('PLAT_VPC_MULTI_AZ', literal)).toEqual([]);
    const expressions = stackNamed()
      .resource('aws_vpc', 'main', {})
      .resource('aws_subnet', 'a', subnet('${data.aws_availability_zones.all.names[0]}'))
      .resource('aws_subnet', 'b', subnet('${data.aws_availability_zones.all.names[1]}'));
    expect(flagged('PLAT_VPC_MULTI_AZ', expressions)).toEqual([]);
    const counted = stackNamed()
      .resource('aws_vpc', 'main', {})
      .resource('aws_subnet', 'all', subnet('${element(data.aws_availability_zones.all.names, count.index)}', { count: 3 }));
    expect(flagged('PLAT_VPC_MULTI_AZ', counted)).toEqual([]);
  });
});

describe('PLAT_ECS_TASK_EGRESS_ENDPOINTS', () => {
  const remoteVpc = '${data.terraform_remote_state.network.outputs.vpc_id}';
  const network = (withEndpoints: boolean) => {
    const builder = stackNamed('prod-net')
      .s3Backend({ bucket: 'state', key: 'prod/net.tfstate', encrypt: true, use_lockfile: true })
      .resource('aws_vpc', 'main', { cidr_block: '10.0.0.0/16' });
    if (withEndpoints) builder.resource('aws_vpc_endpoint', 'sts', { vpc_id: ref('aws_vpc', 'main', 'id'), vpc_endpoint_type: 'Interface', service_name: 'com.amazonaws.eu-west-1.sts' });
    const json = builder.json();
    return new Stack('prod-net', 'net.json', { ...json, output: { vpc_id: { value: ref('aws_vpc', 'main', 'id') } } });
  };
  const service = (egress: Record<string, unknown>) => {
    const json = stackNamed('prod-app')
      .data('terraform_remote_state', 'network', { backend: 's3', config: { bucket: 'state', key: 'prod/net.tfstate' } })
      .resource('aws_security_group', 'task', { vpc_id: remoteVpc })
      .resource('aws_vpc_security_group_egress_rule', 'out', { security_group_id: ref('aws_security_group', 'task', 'id'), ip_protocol: 'tcp', from_port: 443, to_port: 443, ...egress })
      .resource('aws_ecs_service', 'app', { network_configuration: { security_groups: [ref('aws_security_group', 'task', 'id')] } })
      .json();
    return new Stack('prod-app', 'app.json', json);
  };
  const check = (net: Stack, app: Stack) => ruleById('PLAT_ECS_TASK_EGRESS_ENDPOINTS').check(app, [net, app]).map((f) => `${f.resource?.address}: ${f.message}`);

  it('catches task egress to 0.0.0.0/0 when the VPC (in another stack, through remote state) has interface endpoints', () => {
    expect(check(network(true), service({ cidr_ipv4: '0.0.0.0/0' }))).toEqual([
      'aws_vpc_security_group_egress_rule.out: task security group aws_security_group.task allows egress to 0.0.0.0/0 although its VPC has 1 interface endpoints',
    ]);
  });

  it('passes egress to the endpoints\' group or a prefix list, and 0.0.0.0/0 in a VPC without interface endpoints', () => {
    expect(check(network(true), service({ referenced_security_group_id: 'sg-endpoints' }))).toEqual([]);
    expect(check(network(true), service({ prefix_list_id: 'pl-6da54004' }))).toEqual([]);
    expect(check(network(false), service({ cidr_ipv4: '0.0.0.0/0' }))).toEqual([]);
    expect(flagged('PLAT_ECS_TASK_EGRESS_ENDPOINTS', stackNamed())).toEqual([]);
  });
});
