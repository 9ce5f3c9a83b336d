import { ScheduledFargateTask, ScheduledFargateTaskProps } from '../src';
import { commonServiceProps, serviceFixtures } from './fixtures';
import { newStack, only, resources, synth, testKey } from './support';

function build(override: Partial<ScheduledFargateTaskProps> = {}) {
  const stack = newStack();
  const f = serviceFixtures(stack);
  const { desiredCount: _d, minCount: _min, maxCount: _max, ...common } = commonServiceProps(f);
  new ScheduledFargateTask(stack, 'job', {
    ...common,
    namePrefix: 'dev-purge',
    containerName: 'purge',
    schedule: 'cron(0 3 * * ? *)',
    queueKey: testKey(stack, 'runs-key'),
    grants: { tables: [{ table: f.scans, access: 'read-write', scan: true }] },
    ...override,
  });
  return synth(stack);
}

describe('ScheduledFargateTask', () => {
  it('runs the task on Fargate in private subnets on the schedule, in UTC, with retries and a dead-letter queue', () => {
    const json = build();
    const schedule = only(json, 'aws_scheduler_schedule');
    expect(schedule).toMatchObject({
      schedule_expression: 'cron(0 3 * * ? *)',
      schedule_expression_timezone: 'UTC',
      flexible_time_window: { mode: 'OFF' },
    });
    expect(schedule.target.retry_policy).toEqual({ maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 });
    expect(schedule.target.dead_letter_config.arn).toMatch(/aws_sqs_queue\.job_failed-runs/);
    expect(schedule.target.ecs_parameters.network_configuration.assign_public_ip).toBe(false);
    expect(schedule.target.ecs_parameters.task_definition_arn).toMatch(/aws_ecs_task_definition/);
    expect(resources(json, 'aws_ecs_service')).toEqual([]);
    const container = JSON.parse(only(json, 'aws_ecs_task_definition').container_definitions)[0];
    expect(container.healthCheck).toBeUndefined();
  });

  it('lets the scheduler run only this task family on this cluster and pass only its roles', () => {
    const json = build();
    const policy = JSON.parse(resources(json, 'aws_iam_role_policy').find((p) => p.name === 'run-task').policy);
    const run = policy.Statement.find((s: { Sid: string }) => s.Sid === 'RunTask');
    expect(run.Resource).toEqual(['arn:aws:ecs:eu-west-1:000000000000:task-definition/dev-purge:*']);
    expect(run.Condition.ArnEquals['ecs:cluster']).toMatch(/aws_ecs_cluster/);
    const pass = policy.Statement.find((s: { Sid: string }) => s.Sid === 'PassTaskRoles');
    expect(pass.Condition).toEqual({ StringLike: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
    const trust = JSON.parse(resources(json, 'aws_iam_role').find((r) => r.name === 'dev-purge-scheduler').assume_role_policy);
    expect(trust.Statement[0]).toMatchObject({ Principal: { Service: 'scheduler.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '000000000000' } } });
  });

  it('sends runs that exit non-zero to the same queue, through an EventBridge rule only that rule may use', () => {
    const json = build();
    const pattern = JSON.parse(only(json, 'aws_cloudwatch_event_rule').event_pattern);
    expect(pattern).toMatchObject({ source: ['aws.ecs'], 'detail-type': ['ECS Task State Change'], detail: { lastStatus: ['STOPPED'], containers: { exitCode: [{ 'anything-but': 0 }] } } });
    expect(only(json, 'aws_cloudwatch_event_target').arn).toMatch(/aws_sqs_queue\.job_failed-runs/);
    const queuePolicy = JSON.parse(resources(json, 'aws_sqs_queue_policy').find((p) => /job_failed-runs/.test(p.queue_url)).policy);
    expect(queuePolicy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(['DenyInsecureTransport', 'FailedRunEvents']);
    expect(queuePolicy.Statement[1].Condition.ArnEquals['aws:SourceArn']).toMatch(/aws_cloudwatch_event_rule/);
  });

  it('grants a whole-table scan only where asked', () => {
    const policy = JSON.parse(resources(build(), 'aws_iam_role_policy').find((p) => p.name === 'app-access').policy);
    expect(policy.Statement[0].Action).toContain('dynamodb:Scan');
  });

  it.each<[Partial<ScheduledFargateTaskProps>, RegExp]>([
    [{ schedule: 'every night' }, /schedule must be cron\(\.\.\.\) or rate/],
    [{ maximumRetryAttempts: 200 }, /maximumRetryAttempts must be an integer from 0 to 185/],
    [{ maximumEventAgeSeconds: 10 }, /maximumEventAgeSeconds must be an integer from 60 to 86400/],
  ])('rejects %p', (override, message) => {
    expect(() => build(override)).toThrow(message);
  });
});
