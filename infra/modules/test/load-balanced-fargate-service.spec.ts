import { TerraformStack } from 'cdktf';
import { LoadBalancedFargateService, LoadBalancedFargateServiceProps } from '../src';
import { buildLoadBalancer, commonServiceProps, serviceFixtures } from './fixtures';
import { ACCOUNT_ID, newStack, only, resources, synth } from './support';

function build(override: Partial<LoadBalancedFargateServiceProps> = {}, stack: TerraformStack = newStack()) {
  const f = serviceFixtures(stack);
  const service = new LoadBalancedFargateService(stack, 'api', {
    namePrefix: 'dev-api',
    containerName: 'api',
    ...commonServiceProps(f),
    loadBalancer: buildLoadBalancer(stack, f),
    routing: { paths: ['/v1/*'], priority: 100 },
    grants: { tables: [{ table: f.scans, access: 'read-write' }], queues: [{ queue: f.queue, access: 'send' }] },
    ...override,
  });
  return { stack, service, json: synth(stack) };
}

const containerOf = (json: ReturnType<typeof synth>) => JSON.parse(only(json, 'aws_ecs_task_definition').container_definitions)[0];

describe('LoadBalancedFargateService', () => {
  it('adds a listener rule on the shared listener with its paths, hosts and priority', () => {
    const { json } = build({ routing: { paths: ['/v1/*', '/docs'], hosts: ['api.example.com'], priority: 120 } });
    const rule = only(json, 'aws_lb_listener_rule');
    expect(rule.priority).toBe(120);
    expect(rule.listener_arn).toMatch(/aws_lb_listener\.alb_http/);
    expect(rule.condition).toEqual([{ path_pattern: { values: ['/v1/*', '/docs'] } }, { host_header: { values: ['api.example.com'] } }]);
    expect(rule.action[0].type).toBe('forward');
    // The service waits for its rule, so the target group is attached before tasks register.
    expect(only(json, 'aws_ecs_service').depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/aws_lb_listener_rule/)]));
  });

  it('checks target health on /healthz', () => {
    const { json } = build();
    expect(only(json, 'aws_lb_target_group').health_check).toMatchObject({ path: '/healthz', matcher: '200', enabled: true });
  });

  it('runs tasks in private subnets without public IPs, with circuit breaker and rollback', () => {
    const { json } = build();
    const service = only(json, 'aws_ecs_service');
    expect(service.network_configuration.assign_public_ip).toBe(false);
    expect(service.network_configuration.subnets.every((s: string) => /private/.test(s))).toBe(true);
    expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(service.lifecycle.ignore_changes).toEqual(['desired_count']);
  });

  it('lets only the ALB security group reach the container port', () => {
    const { json } = build();
    const serviceIngress = resources(json, 'aws_vpc_security_group_ingress_rule').filter((r) => /service-sg/.test(r.security_group_id));
    expect(serviceIngress).toHaveLength(1);
    expect(serviceIngress[0]).toMatchObject({ from_port: 3000, to_port: 3000 });
    expect(serviceIngress[0].referenced_security_group_id).toMatch(/alb_sg/);
    const albEgress = resources(json, 'aws_vpc_security_group_egress_rule').filter((r) => /alb_sg/.test(r.security_group_id));
    expect(albEgress).toEqual([expect.objectContaining({ from_port: 3000, to_port: 3000, referenced_security_group_id: expect.stringMatching(/service-sg/) })]);
    expect(serviceIngress[0].cidr_ipv4).toBeUndefined();
  });

  it('generates a container health check and a log group with retention', () => {
    const { json } = build();
    const container = containerOf(json);
    expect(container.healthCheck.command.join(' ')).toContain('http://127.0.0.1:3000/healthz');
    expect(container.readonlyRootFilesystem).toBe(true);
    expect(container.image).toMatch(/:abc123$/);
    expect(resources(json, 'aws_cloudwatch_log_group').find((g) => g.name === '/ecs/dev-api').retention_in_days).toBe(30);
  });

  it('passes secrets by ARN, never as environment values', () => {
    const ssm = `arn:aws:ssm:eu-west-1:${ACCOUNT_ID}:parameter/dev/api/pepper`;
    const { json } = build({ environment: { LOG_LEVEL: 'info' }, secrets: [{ name: 'PEPPER', valueFromArn: ssm }] });
    const container = containerOf(json);
    expect(container.secrets).toEqual([{ name: 'PEPPER', valueFrom: ssm }]);
    expect(container.environment).toEqual([{ name: 'LOG_LEVEL', value: 'info' }]);
    const execution = resources(json, 'aws_iam_role_policy').find((p) => /execution/.test(p.name + p.role) || p.name === 'start-task');
    expect(JSON.parse(execution.policy).Statement).toContainEqual(
      expect.objectContaining({ Action: ['ssm:GetParameters'], Resource: [ssm] }),
    );
  });

  it('scopes the task role to the exact table and queue ARNs', () => {
    const { json } = build();
    const policy = JSON.parse(resources(json, 'aws_iam_role_policy').find((p) => p.name === 'app-access').policy);
    for (const statement of policy.Statement) {
      expect(statement.Action).not.toContain('*');
      for (const resource of statement.Resource) expect(resource).not.toBe('*');
    }
    const table = policy.Statement.find((s: { Sid: string }) => s.Sid === 'TableScansReadWrite');
    const scansAddress = Object.keys(json.resource.aws_dynamodb_table).find((k) => k.startsWith('scans_'));
    expect(table.Resource).toEqual([`\${aws_dynamodb_table.${scansAddress}.arn}`]);
    const queue = policy.Statement.find((s: { Sid: string }) => s.Sid === 'QueueScanRequestsSend');
    expect(queue.Action).toEqual(['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl']);
  });

  it('scales on CPU and on requests per target', () => {
    const { json } = build();
    const policies = resources(json, 'aws_appautoscaling_policy').map((p) => p.target_tracking_scaling_policy_configuration);
    expect(policies.map((p) => p.predefined_metric_specification.predefined_metric_type).sort()).toEqual([
      'ALBRequestCountPerTarget',
      'ECSServiceAverageCPUUtilization',
    ]);
    expect(only(json, 'aws_appautoscaling_target')).toMatchObject({ min_capacity: 1, max_capacity: 2 });
  });

  it.each<[Partial<LoadBalancedFargateServiceProps>, RegExp]>([
    [{ minCount: 3, maxCount: 2, desiredCount: 2 }, /minCount \(3\) must not exceed maxCount \(2\)/],
    [{ desiredCount: 5 }, /desiredCount \(5\) must lie between minCount \(1\) and maxCount \(2\)/],
    [{ routing: { paths: [], priority: 100 } }, /routing needs paths or hosts/],
    [{ routing: { paths: ['/a', '/b', '/c', '/d'], hosts: ['x.example.com', 'y.example.com'], priority: 100 } }, /an ALB rule takes at most 5/],
    [{ routing: { paths: ['/a'], priority: 0 } }, /routing.priority must be an integer from 1 to 50000/],
    [{ healthCheckMatcher: 'ok' }, /healthCheckMatcher must be HTTP codes/],
    [{ healthCheckPath: 'healthz' }, /healthCheckPath must be a path/],
    [{ cpu: 300 }, /cpu must be one of/],
    [{ memoryLimitMiB: 4096 }, /memoryLimitMiB 4096 does not fit cpu 256/],
    [{ imageTag: 'latest' }, /tag must not be "latest"/],
    [{ environment: { DB_PASSWORD: 'x' } }, /environment.DB_PASSWORD looks like a secret/],
    [{ secrets: [{ name: 'X', valueFromArn: 'plaintext' }] }, /secrets.X.valueFromArn must be an SSM parameter or Secrets Manager secret ARN/],
    [{ targetCpuUtilizationPercent: 95 }, /targetCpuUtilizationPercent must be an integer from 10 to 90/],
  ])('rejects %p', (override, message) => {
    expect(() => build(override)).toThrow(message);
  });

  it('rejects a secret also set in the environment', () => {
    const ssm = `arn:aws:ssm:eu-west-1:${ACCOUNT_ID}:parameter/x`;
    expect(() => build({ environment: { PEPPER: 'x' }, secrets: [{ name: 'PEPPER', valueFromArn: ssm }] })).toThrow(
      /secrets and environment both set PEPPER/,
    );
  });
});
