import type { PolicyStatement } from './iam-policy';
import type { QueueReference } from './queue';
import type { Table } from './table';
import { InvalidPropsError } from './validation';

/** What a task may do with one table; resources are the table's and its named indexes' ARNs. */
export interface TableGrant {
  readonly table: Table;
  readonly access: 'read' | 'read-write';
  /** Indexes the task queries. @default - none */
  readonly indexes?: readonly string[];
  /** Whole-table Scan, for a purge job. @default false */
  readonly scan?: boolean;
}

/** What a task may do with one queue. */
export interface QueueGrant {
  readonly queue: QueueReference;
  /**
   * `send` for producers, `consume` for workers, `send-consume` for both (a sweeper re-enqueues),
   * `monitor` to read its depth and age only.
   */
  readonly access: 'send' | 'consume' | 'send-consume' | 'monitor';
}

export interface TaskGrants {
  /** @default - none */
  readonly tables?: readonly TableGrant[];
  /** @default - none */
  readonly queues?: readonly QueueGrant[];
}

const TABLE_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const TABLE_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const QUEUE_SEND = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
const QUEUE_MONITOR = ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];
const QUEUE_CONSUME = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

/**
 * Least-privilege statements for a task role: explicit actions only, each scoped to the exact
 * table, index, queue and KMS key ARNs of the constructs it was given. Never a wildcard.
 */
export function taskGrantStatements(grants: TaskGrants): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const keyArns = new Set<string>();
  for (const grant of grants.tables ?? []) {
    const def = grant.table.definition;
    const indexArns = (grant.indexes ?? []).map((index) => grant.table.indexArn(index));
    statements.push({
      Sid: sid('Table', def.name, grant.access),
      Effect: 'Allow',
      Action: [...TABLE_READ, ...(grant.scan ? ['dynamodb:Scan'] : []), ...(grant.access === 'read' ? [] : TABLE_WRITE)],
      Resource: [grant.table.tableArn, ...indexArns],
    });
    keyArns.add(grant.table.encryptionKey.keyArn);
  }
  for (const grant of grants.queues ?? []) {
    const actions = {
      send: QUEUE_SEND,
      consume: QUEUE_CONSUME,
      'send-consume': [...new Set([...QUEUE_SEND, ...QUEUE_CONSUME])],
      monitor: QUEUE_MONITOR,
    }[grant.access];
    statements.push({
      Sid: sid('Queue', grant.queue.definition.name, grant.access),
      Effect: 'Allow',
      Action: actions,
      Resource: [grant.queue.queueArn],
    });
    // Reading attributes needs no data key.
    if (grant.access !== 'monitor') keyArns.add(grant.queue.encryptionKey.keyArn);
  }
  if (keyArns.size > 0) {
    statements.push({
      Sid: 'UseDataKeys',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: [...keyArns],
    });
  }
  return statements;
}

function sid(kind: string, name: string, access: string): string {
  const words = `${name}-${access}`.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const id = kind + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  if (id.length > 100) throw new InvalidPropsError('TaskGrants', `statement id for ${name} is too long`);
  return id;
}
