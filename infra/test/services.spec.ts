import { PROJECT_NAME, ssmParameterArn, loadEnvironment, type EnvironmentName } from '@platform/infra-config';
import { resolveService } from '@platform/service-catalog';
import { containerOf, environmentOf, Json, synthPlatform } from './synth-platform';

const ENVS: EnvironmentName[] = ['dev', 'staging', 'prod'];

/** Every expectation here comes from the manifests: a service added to the catalog is checked the same way. */
describe('each catalog service, as synthesized in each environment', () => {
  const synth = synthPlatform();
  afterAll(() => synth.cleanup());
  const cases = ENVS.flatMap((env) => synth.catalog.services.map((manifest) => [env, manifest.name, manifest] as const));

  it.each(cases)('%s: %s runs the size, environment and secrets its manifest declares', (env, name, manifest) => {
    const service = resolveService(manifest, { environment: env, project: PROJECT_NAME });
    const stack = synth.read(`${env}-svc-${name}`);
    const task = Object.values(stack.resource.aws_ecs_task_definition)[0] as Json;
    expect([task.family, Number(task.cpu), Number(task.memory)]).toEqual([`${env}-${name}`, service.cpu, service.memoryMiB]);
    const container = containerOf(stack, `${env}-${name}`);
    const environment = environmentOf(container);
    expect(environment).toMatchObject({ DEPLOY_ENV: env, SERVICE_NAME: name, ...service.variables });
    expect(container.stopTimeout).toBe(service.stopTimeoutSeconds);
    const config = loadEnvironment(env, {});
    expect(container.secrets).toEqual(
      service.secrets.map((s) => ({
        name: s.name,
        valueFrom: s.source.type === 'ssm' ? ssmParameterArn(config, s.source.parameterName) : expect.stringContaining(s.source.secretName),
      })),
    );
    if (service.port !== undefined) expect(container.portMappings).toEqual([{ containerPort: service.port, protocol: 'tcp', name: 'http' }]);
  });

  it.each(cases)('%s: %s may touch exactly the tables and queues it uses', (env, name, manifest) => {
    const service = resolveService(manifest, { environment: env, project: PROJECT_NAME });
    const policies = Object.values(synth.read(`${env}-svc-${name}`).resource.aws_iam_role_policy) as Json[];
    const task = policies.find((p) => p.name === 'app-access');
    const statements: Json[] = task ? JSON.parse(task.policy).Statement : [];
    const sids = statements.map((s) => s.Sid);
    for (const use of service.tables) expect(sids.some((sid: string) => sid.toLowerCase().startsWith(`table${use.table.replace(/-/g, '')}`))).toBe(true);
    for (const use of service.queues) expect(sids.some((sid: string) => sid.toLowerCase().startsWith(`queue${use.queue.replace(/-/g, '')}`))).toBe(true);
    const tableStatements = statements.filter((s) => String(s.Sid).startsWith('Table'));
    expect(tableStatements).toHaveLength(service.tables.length);
    const writes = tableStatements.filter((s) => s.Action.includes('dynamodb:PutItem')).length;
    expect(writes).toBe(service.tables.filter((t) => t.access === 'read-write').length);
    expect(JSON.stringify(statements)).not.toMatch(/"Resource":"\*"/);
  });

  it.each(cases)('%s: %s is run the way its kind says', (env, name, manifest) => {
    const service = resolveService(manifest, { environment: env, project: PROJECT_NAME });
    const resources = synth.read(`${env}-svc-${name}`).resource;
    if (service.kind === 'scheduled') {
      const [schedule] = Object.values(resources.aws_scheduler_schedule) as Json[];
      expect(schedule.schedule_expression).toBe(service.schedule);
      expect(schedule.target.retry_policy).toEqual({ maximum_retry_attempts: service.retry?.maximumAttempts, maximum_event_age_in_seconds: service.retry?.maximumEventAgeSeconds });
      expect(resources.aws_ecs_service).toBeUndefined();
      return;
    }
    const [ecsService] = Object.values(resources.aws_ecs_service) as Json[];
    expect(ecsService.name).toBe(`${env}-${name}`);
    expect(ecsService.desired_count).toBe(service.count?.desired);
    const [target] = Object.values(resources.aws_appautoscaling_target) as Json[];
    expect([target.min_capacity, target.max_capacity]).toEqual([service.count?.min, service.count?.max]);
    if (service.kind === 'web') {
      const [rule] = Object.values(resources.aws_lb_listener_rule) as Json[];
      expect(rule.priority).toBe(service.http?.priority);
      expect(rule.condition[0].path_pattern.values).toEqual(service.http?.paths);
      const [targetGroup] = Object.values(resources.aws_lb_target_group) as Json[];
      expect(targetGroup.health_check).toMatchObject({ path: service.health?.path, matcher: service.health?.matcher });
    }
    if (service.kind === 'worker') {
      const policies = JSON.stringify(resources.aws_appautoscaling_policy);
      expect(policies).toContain('visible / running');
    }
  });
});
