import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { resourcesOf, type SynthesizedStacks } from './synthesized-stacks';
import type { ResourceAttribute } from './terraform-reference';

export interface EmulatorEndpoints {
  readonly region: string;
  readonly dynamodb: string;
  readonly sqs: string;
}

interface TableBlock {
  name: string;
  hash_key: string;
  range_key?: string;
  attribute: { name: string; type: 'S' | 'N' | 'B' }[];
  global_secondary_index?: { name: string; hash_key: string; range_key?: string; projection_type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; non_key_attributes?: string[] }[];
}

interface QueueBlock {
  name: string;
  visibility_timeout_seconds?: number;
  message_retention_seconds?: number;
  receive_wait_time_seconds?: number;
  redrive_policy?: string;
}

/**
 * The data a first apply creates, on the embedded emulators: every DynamoDB table and SQS queue of
 * the given stacks, created from their synthesized blocks (names, keys, indexes, redrive), so a
 * rehearsed task finds exactly the resources Terraform would make. Answers the attributes
 * (`url`, `arn`, `name`, `id`) that task definitions reference. TTL settings are not applied
 * (dynalite has no UpdateTimeToLive); server-side encryption is the emulators' concern.
 */
export class EmulatedApply {
  private readonly attributes = new Map<string, string>();

  private constructor(private readonly endpoints: EmulatorEndpoints) {}

  static async ofStacks(stacks: SynthesizedStacks, stackNames: readonly string[], endpoints: EmulatorEndpoints): Promise<EmulatedApply> {
    const applied = new EmulatedApply(endpoints);
    const credentials = { accessKeyId: 'rehearsal', secretAccessKey: 'rehearsal' };
    const dynamodb = new DynamoDBClient({ region: endpoints.region, endpoint: endpoints.dynamodb, credentials });
    const sqs = new SQSClient({ region: endpoints.region, endpoint: endpoints.sqs, credentials });
    try {
      for (const stack of stackNames) {
        const json = stacks.get(stack);
        for (const [id, block] of Object.entries(resourcesOf(json, 'aws_dynamodb_table'))) {
          await applied.createTable(dynamodb, stack, id, block as unknown as TableBlock);
        }
        const queues = Object.entries(resourcesOf(json, 'aws_sqs_queue')) as [string, unknown][] as [string, QueueBlock][];
        // Dead-letter queues first: a redrive policy names its target's ARN.
        for (const [id, block] of [...queues].sort(([, a], [, b]) => Number(a.redrive_policy !== undefined) - Number(b.redrive_policy !== undefined))) {
          await applied.createQueue(sqs, stack, id, block);
        }
      }
    } finally {
      dynamodb.destroy();
      sqs.destroy();
    }
    return applied;
  }

  /** The applied value of a resource attribute, or undefined when the rehearsal does not create that resource. */
  value(reference: ResourceAttribute): string | undefined {
    return this.attributes.get(key(reference.stack, reference.type, reference.id, reference.attribute));
  }

  private async createTable(dynamodb: DynamoDBClient, stack: string, id: string, table: TableBlock): Promise<void> {
    const keySchema = (hash: string, range?: string) => [{ AttributeName: hash, KeyType: 'HASH' as const }, ...(range ? [{ AttributeName: range, KeyType: 'RANGE' as const }] : [])];
    const input: CreateTableCommandInput = {
      TableName: table.name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: table.attribute.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
      KeySchema: keySchema(table.hash_key, table.range_key),
    };
    if (table.global_secondary_index?.length) {
      input.GlobalSecondaryIndexes = table.global_secondary_index.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.hash_key, index.range_key),
        Projection: { ProjectionType: index.projection_type, NonKeyAttributes: index.non_key_attributes?.length ? index.non_key_attributes : undefined },
      }));
    }
    const created = await dynamodb.send(new CreateTableCommand(input));
    const arn = created.TableDescription?.TableArn ?? `arn:aws:dynamodb:${this.endpoints.region}:000000000000:table/${table.name}`;
    this.set(stack, 'aws_dynamodb_table', id, { name: table.name, id: table.name, arn });
  }

  private async createQueue(sqs: SQSClient, stack: string, id: string, queue: QueueBlock): Promise<void> {
    const attributes: Record<string, string> = {};
    if (queue.visibility_timeout_seconds !== undefined) attributes.VisibilityTimeout = String(queue.visibility_timeout_seconds);
    if (queue.message_retention_seconds !== undefined) attributes.MessageRetentionPeriod = String(queue.message_retention_seconds);
    if (queue.receive_wait_time_seconds !== undefined) attributes.ReceiveMessageWaitTimeSeconds = String(queue.receive_wait_time_seconds);
    if (queue.redrive_policy !== undefined) attributes.RedrivePolicy = this.interpolate(stack, queue.redrive_policy);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: queue.name, Attributes: attributes }));
    if (!QueueUrl) throw new Error(`${stack}: CreateQueue ${queue.name} returned no URL`);
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    this.set(stack, 'aws_sqs_queue', id, { name: queue.name, url: QueueUrl, id: QueueUrl, arn: Attributes?.QueueArn ?? '' });
  }

  /** Replaces `${type.id.attribute}` of resources created so far in the same stack. */
  private interpolate(stack: string, text: string): string {
    return text.replace(/\$\{([a-z0-9_]+)\.([^.}]+)\.([a-z_]+)\}/g, (whole, type: string, id: string, attribute: string) => {
      const value = this.attributes.get(key(stack, type, id, attribute));
      if (value === undefined) throw new Error(`${stack}: ${whole} is not created before it is referenced`);
      return value;
    });
  }

  private set(stack: string, type: string, id: string, values: Record<string, string>): void {
    for (const [attribute, value] of Object.entries(values)) this.attributes.set(key(stack, type, id, attribute), value);
  }
}

function key(stack: string, type: string, id: string, attribute: string): string {
  return `${stack}/${type}.${id}.${attribute}`;
}
