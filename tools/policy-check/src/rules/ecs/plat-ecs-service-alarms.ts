/**
 * A service nobody is told about when it fails is not operated: every ECS service is watched by at
 * least one CloudWatch alarm on its own metrics (dimension ServiceName), and every EventBridge
 * Scheduler schedule's failed-runs (dead-letter) queue by an alarm on that queue (dimension QueueName).
 */
import { finding, type Rule } from '../../rule';
import type { Stack } from '../../terraform/stack';
import { isJsonObject, type TerraformBlock } from '../../terraform/terraform-json';
import { pointsAt } from '../../terraform/references';
import { block } from '../../terraform/values';

/** Every dimensions map of an alarm: its own and those of its metric math queries. */
function alarmDimensions(alarm: TerraformBlock): Record<string, unknown>[] {
  const own = isJsonObject(alarm.config['dimensions']) ? [alarm.config['dimensions']] : [];
  const queries = [alarm.config['metric_query']].flat().filter(isJsonObject);
  const fromQueries = queries.map((query) => block(query['metric'])['dimensions']).filter(isJsonObject);
  return [...own, ...fromQueries];
}

function isAlarmed(stack: Stack, dimension: string, target: TerraformBlock): boolean {
  return stack
    .ofType('aws_cloudwatch_metric_alarm')
    .some((alarm) => alarmDimensions(alarm).some((dimensions) => pointsAt(dimensions[dimension], target, ['name'], 'name')));
}

export const serviceAlarms: Rule = {
  id: 'PLAT_ECS_SERVICE_ALARMS',
  title: 'ECS service and scheduled task failures raise a CloudWatch alarm',
  severity: 'medium',
  category: 'logging',
  references: {},
  remediation:
    'Add an aws_cloudwatch_metric_alarm with dimensions { ServiceName = <service>.name } (a service) or { QueueName = <failed-runs queue>.name } (a schedule); the catalog does this for every service it declares.',
  check: (stack) => [
    ...stack
      .ofType('aws_ecs_service')
      .filter((service) => !isAlarmed(stack, 'ServiceName', service))
      .map((service) => finding(service, 'no CloudWatch alarm watches this service (no alarm has dimension ServiceName for it)')),
    ...stack.ofType('aws_scheduler_schedule').flatMap((schedule) => {
      const arn = block(block(schedule.config['target'])['dead_letter_config'])['arn'];
      if (arn === undefined) return [finding(schedule, 'failed runs go nowhere: the target has no dead_letter_config, so no alarm can count them')];
      const queue = stack.ofType('aws_sqs_queue').find((q) => pointsAt(arn, q, ['arn']));
      if (queue && isAlarmed(stack, 'QueueName', queue)) return [];
      return [finding(schedule, 'no CloudWatch alarm watches its failed-runs queue (no alarm has dimension QueueName for it)')];
    }),
  ],
};
