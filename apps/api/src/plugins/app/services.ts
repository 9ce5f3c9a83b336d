import fp from 'fastify-plugin';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import {
  ApiKeyRepository,
  CursorCodec,
  DocumentRepository,
  FindingRepository,
  IdempotencyRepository,
  ScanQueue,
  ScanRepository,
  createAwsClients,
  type ApiConfig,
  type AwsClients,
} from '@platform/shared';
import { TerminalScanCache } from '../../services/terminal-scan-cache';

export interface Services {
  config: ApiConfig;
  scans: ScanRepository;
  /** Terminal scans read recently; see TerminalScanCache. */
  scanCache: TerminalScanCache;
  documents: DocumentRepository;
  findings: FindingRepository;
  idempotency: IdempotencyRepository;
  apiKeys: ApiKeyRepository;
  queue: ScanQueue;
  cursors: CursorCodec;
  /** Resolves when DynamoDB and SQS answer; rejects with the failing dependency's name. */
  checkReadiness(): Promise<{ dynamodb: 'ok' | 'unavailable'; sqs: 'ok' | 'unavailable' }>;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServicesOptions {
  config: ApiConfig;
  /** Injected by tests; otherwise built from config and destroyed on close. */
  clients?: AwsClients;
}

const READINESS_TIMEOUT_MS = 2000;

export default fp<ServicesOptions>(
  async (app, { config, clients: injected }) => {
    const clients = injected ?? createAwsClients(config.aws, { maxAttempts: 2 });
    const prefix = config.aws.tablePrefix;
    const scans = new ScanRepository(clients.dynamo, prefix);

    const probe = async (check: () => Promise<unknown>) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS);
      });
      try {
        await Promise.race([check(), timeout]);
        return 'ok' as const;
      } catch {
        return 'unavailable' as const;
      } finally {
        clearTimeout(timer);
      }
    };

    app.decorate('services', {
      config,
      scans,
      scanCache: new TerminalScanCache(config.scanCacheTtlSeconds * 1000, config.scanCacheMaxEntries),
      documents: new DocumentRepository(clients.dynamo, prefix),
      findings: new FindingRepository(clients.dynamo, prefix),
      idempotency: new IdempotencyRepository(clients.dynamo, prefix),
      apiKeys: new ApiKeyRepository(clients.dynamo, prefix),
      queue: new ScanQueue(clients.sqs, config.aws.scanQueueUrl),
      cursors: new CursorCodec(config.cursorSecret),
      async checkReadiness() {
        const [dynamodb, sqs] = await Promise.all([
          probe(() => clients.dynamo.send(new DescribeTableCommand({ TableName: scans.tableName }))),
          probe(() => clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: config.aws.scanQueueUrl, AttributeNames: ['QueueArn'] }))),
        ]);
        return { dynamodb, sqs };
      },
    });

    if (!injected) app.addHook('onClose', async () => clients.destroy());
  },
  { name: 'services' },
);
