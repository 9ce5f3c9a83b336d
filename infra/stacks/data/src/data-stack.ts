import { Construct } from 'constructs';
import { EncryptionKey, PlatformStack, Queue, QueueReference, Table } from '@platform/infra-modules';
import { EnvironmentConfig, stackSettings } from '@platform/infra-config';
import { primaryQueueDefinitions, SCAN_QUEUE, TABLE_DEFINITIONS, TableName } from '@platform/shared';

export interface DataStackProps {
  readonly config: EnvironmentConfig;
}

/**
 * The stateful resources of one environment, from the same definitions local dev uses: every
 * table of TABLE_DEFINITIONS and every queue of QUEUE_DEFINITIONS with its dead-letter queue, under one KMS key.
 * Table and queue names are `<env>-<name>`, so the apps get TABLE_PREFIX=<env>.
 */
export class DataStack extends PlatformStack {
  readonly encryptionKey: EncryptionKey;
  readonly tables: Readonly<Record<TableName, Table>>;
  /** Every queue of QUEUE_DEFINITIONS that is no other queue's dead-letter queue (each builds its own). */
  readonly queues: readonly Queue[];
  /** Every queue, dead-letter queues included, by definition name: what services name in `uses.queues`. */
  readonly queuesByName: Readonly<Record<string, QueueReference>>;
  /** Prefix of every table and queue name (the apps' TABLE_PREFIX). */
  readonly resourcePrefix: string;

  constructor(scope: Construct, props: DataStackProps) {
    super(scope, stackSettings(props.config, 'data'));
    const { config } = props;
    this.resourcePrefix = config.name;
    this.encryptionKey = new EncryptionKey(this, 'key', {
      description: `${config.name} tables and queues`,
      aliasName: `${config.name}-data`,
      accountId: config.accountId,
      region: config.region,
    });
    const tables = {} as Record<TableName, Table>;
    for (const definition of TABLE_DEFINITIONS) {
      tables[definition.name] = new Table(this, `table-${definition.name}`, {
        definition,
        tablePrefix: this.resourcePrefix,
        encryptionKey: this.encryptionKey,
        deletionProtection: config.deletionProtection,
        pointInTimeRecovery: true,
      });
    }
    this.tables = tables;
    this.queues = primaryQueueDefinitions().map(
      (definition) =>
        // The scan queue keeps its construct id, so its Terraform addresses do not move.
        new Queue(this, definition === SCAN_QUEUE ? 'scan-queue' : `queue-${definition.name}`, {
          definition,
          queuePrefix: this.resourcePrefix,
          encryptionKey: this.encryptionKey,
        }),
    );
    this.queuesByName = Object.fromEntries(this.queues.flatMap((q) => q.references()).map((ref) => [ref.definition.name, ref]));
  }
}
