import { QueueProcessingFargateService, QueueProcessingFargateServiceProps } from '../src';
import { commonServiceProps, serviceFixtures } from './fixtures';
import { newStack, only, resources, synth } from './support';

function build(override: Partial<QueueProcessingFargateServiceProps> = {}) {
  const stack = newStack();
  const f = serviceFixtures(stack);
  new QueueProcessingFargateService(stack, 'worker', {
    namePrefix: 'dev-worker',
    containerName: 'worker',
    ...commonServiceProps(f),
    maxCount: 4,
    queue: f.queue,
    healthCheck: { command: ['CMD', 'node', 'check.js'] },
    grants: { tables: [{ table: f.scans, access: 'read-write', indexes: ['byStatus'] }] },
    ...override,
  });
  return { json: synth(stack), fixtures: f };
}

const taskPolicy = (json: ReturnType<typeof synth>) =>
  JSON.parse(resources(json, 'aws_iam_role_policy').find((p) => p.name === 'app-access').policy);

describe('QueueProcessingFargateService', () => {
  it('has no load balancer, no ingress, and HTTPS-only egress', () => {
    const { json } = build();
    expect(resources(json, 'aws_lb')).toHaveLength(0);
    expect(resources(json, 'aws_vpc_security_group_ingress_rule')).toHaveLength(0);
    // restrictTaskEgress: 443 only, to the S3 and DynamoDB prefix lists and the endpoints (or NAT without them).
    const egress = resources(json, 'aws_vpc_security_group_egress_rule');
    expect(egress.length).toBeGreaterThanOrEqual(3);
    for (const rule of egress) expect(rule).toMatchObject({ from_port: 443, to_port: 443, ip_protocol: 'tcp' });
  });

  it('runs without public IPs, with circuit breaker and rollback', () => {
    const { json } = build();
    const service = only(json, 'aws_ecs_service');
    expect(service.network_configuration.assign_public_ip).toBe(false);
    expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(service.load_balancer).toBeUndefined();
  });

  it('scales on backlog per task with metric math, not on CPU', () => {
    const { json } = build();
    const config = only(json, 'aws_appautoscaling_policy').target_tracking_scaling_policy_configuration;
    expect(config.target_value).toBe(10);
    expect(config.predefined_metric_specification).toBeUndefined();
    const metrics = config.customized_metric_specification.metrics;
    expect(metrics.find((m: { id: string }) => m.id === 'backlog_per_task').expression).toBe('visible / running');
    expect(metrics.find((m: { id: string }) => m.id === 'visible').metric_stat.metric.metric_name).toBe('ApproximateNumberOfMessagesVisible');
  });

  it('grants consume on its queue and scale-in protection on tasks of its own cluster', () => {
    const { json } = build();
    const statements = taskPolicy(json).Statement;
    const queue = statements.find((s: { Sid: string }) => s.Sid === 'QueueScanRequestsConsume');
    expect(queue.Action).toContain('sqs:ReceiveMessage');
    expect(queue.Action).not.toContain('sqs:SendMessage');
    const queueAddress = Object.keys(json.resource.aws_sqs_queue).find((k) => /^queue_[0-9A-F]{8}$/.test(k));
    expect(queue.Resource).toEqual([`\${aws_sqs_queue.${queueAddress}.arn}`]);
    const protection = statements.find((s: { Sid: string }) => s.Sid === 'ProtectOwnTaskFromScaleIn');
    expect(protection.Action).toEqual(['ecs:UpdateTaskProtection', 'ecs:GetTaskProtection']);
    expect(protection.Resource[0]).toMatch(/^arn:aws:ecs:eu-west-1:0{12}:task\/\$\{aws_ecs_cluster\..*\.name\}\/\*$/);
    const table = statements.find((s: { Sid: string }) => s.Sid === 'TableScansReadWrite');
    expect(table.Resource[1]).toMatch(/\/index\/byStatus$/);
    const kms = statements.find((s: { Sid: string }) => s.Sid === 'UseDataKeys');
    expect(kms.Resource).toHaveLength(1);
  });

  it('adds send rights with queueAccess send-consume and can leave out task protection', () => {
    const { json } = build({ queueAccess: 'send-consume', allowTaskScaleInProtection: false });
    const statements = taskPolicy(json).Statement;
    expect(statements.find((s: { Sid: string }) => s.Sid === 'QueueScanRequestsSendConsume').Action).toContain('sqs:SendMessage');
    expect(statements.find((s: { Sid: string }) => s.Sid === 'ProtectOwnTaskFromScaleIn')).toBeUndefined();
  });

  it('rejects the queue listed again in grants', () => {
    const stack = newStack();
    const f = serviceFixtures(stack);
    expect(
      () =>
        new QueueProcessingFargateService(stack, 'w', {
          namePrefix: 'dev-worker',
          containerName: 'worker',
          ...commonServiceProps(f),
          queue: f.queue,
          healthCheck: { command: ['CMD', 'true'] },
          grants: { queues: [{ queue: f.queue, access: 'send' }] },
        }),
    ).toThrow(/grants.queues must not list queue again/);
  });

  it.each<[Partial<QueueProcessingFargateServiceProps>, RegExp]>([
    [{ targetBacklogPerTask: 0 }, /targetBacklogPerTask must be an integer from 1 to 100000/],
    [{ stopTimeoutSeconds: 300 }, /stopTimeoutSeconds must be an integer from 2 to 120/],
    [{ healthCheck: { command: ['node', 'x'] } }, /healthCheck.command must start with "CMD"/],
    [{ logRetentionDays: 8 }, /logRetentionDays must be one of/],
    [{ minCount: 0 }, /minCount must be an integer from 1 to 1000/],
  ])('rejects %p', (override, message) => {
    expect(() => build(override)).toThrow(message);
  });
});
