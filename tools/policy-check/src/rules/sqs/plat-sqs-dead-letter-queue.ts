/**
 * Every work queue sends poison messages to a dead-letter queue. A queue counts as a DLQ when
 * another queue's redrive policy targets it, it has a redrive allow policy, or a resource names it
 * as its `dead_letter_config` (an EventBridge Scheduler schedule's or rule target's failed deliveries).
 */
import { parseLenientJson } from '../../documents/lenient-json';
import { finding, type Rule } from '../../rule';
import type { Stack } from '../../terraform/stack';
import { isJsonObject, type TerraformBlock } from '../../terraform/terraform-json';
import { pointsAt } from '../../terraform/references';
import { isSet } from '../../terraform/values';

interface Redrive {
  readonly target: unknown;
  readonly maxReceiveCount: unknown;
}

function readRedrive(value: unknown): Redrive | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' ? parseLenientJson(value) : { ok: true as const, value };
  if (parsed.ok && isJsonObject(parsed.value)) {
    return { target: parsed.value['deadLetterTargetArn'], maxReceiveCount: parsed.value['maxReceiveCount'] };
  }
  // `${jsonencode({...})}`: read the target out of the expression text.
  const text = String(value);
  const target = /deadLetterTargetArn\s*[=:]\s*"?(\$\{[^}]+\}|[^",}\s]+)/.exec(text)?.[1];
  const count = /maxReceiveCount\s*[=:]\s*"?([^",}\s]+)/.exec(text)?.[1];
  return { target, maxReceiveCount: count };
}

function redrivesOf(stack: Stack, queue: TerraformBlock): Redrive[] {
  const inline = readRedrive(queue.config['redrive_policy']);
  const companions = stack
    .ofType('aws_sqs_queue_redrive_policy')
    .filter((policy) => pointsAt(policy.config['queue_url'], queue, ['id', 'url']))
    .map((policy) => readRedrive(policy.config['redrive_policy']));
  return [inline, ...companions].filter((r): r is Redrive => r !== undefined);
}

function isDeadLetterQueue(stack: Stack, queue: TerraformBlock): boolean {
  const queues = stack.ofType('aws_sqs_queue');
  if (queues.some((other) => redrivesOf(stack, other).some((r) => pointsAt(r.target, queue, ['arn'])))) return true;
  if (isSet(queue.config['redrive_allow_policy'])) return true;
  if (stack.resources.some((resource) => deadLetterArns(resource.config).some((arn) => pointsAt(arn, queue, ['arn'])))) return true;
  return stack.ofType('aws_sqs_queue_redrive_allow_policy').some((p) => pointsAt(p.config['queue_url'], queue, ['id', 'url']));
}

/** Every `dead_letter_config.arn` in a resource's configuration, however deep (blocks may be lists). */
function deadLetterArns(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(deadLetterArns);
  if (!isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'dead_letter_config' ? [inner].flat().flatMap((config) => (isJsonObject(config) ? [config['arn']] : [])) : deadLetterArns(inner),
  );
}

export const queueDeadLetter: Rule = {
  id: 'PLAT_SQS_DEAD_LETTER_QUEUE',
  title: 'SQS queue (other than a DLQ) has a redrive policy to a dead-letter queue',
  severity: 'medium',
  category: 'resilience',
  references: {},
  remediation:
    'Set redrive_policy = {"deadLetterTargetArn": <dlq arn>, "maxReceiveCount": N} on the queue (or add an aws_sqs_queue_redrive_policy).',
  check: (stack) =>
    stack.ofType('aws_sqs_queue').flatMap((queue) => {
      if (isDeadLetterQueue(stack, queue)) return [];
      const redrives = redrivesOf(stack, queue);
      if (redrives.length === 0) return [finding(queue, 'queue has no redrive policy, so poison messages are retried forever')];
      if (!redrives.some((r) => isSet(r.target) && isSet(r.maxReceiveCount))) {
        return [finding(queue, 'redrive policy lacks deadLetterTargetArn or maxReceiveCount')];
      }
      return [];
    }),
};
