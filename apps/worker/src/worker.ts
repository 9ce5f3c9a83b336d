import {
  DocumentRepository,
  FindingRepository,
  ScanQueue,
  ScanRepository,
  createAwsClients,
  type WorkerConfig,
} from '@platform/shared';
import type { Logger } from 'pino';
import { Consumer, type PollHealth } from './consumer';
import { TypedEmitter, type WorkerEvents } from './events';
import { startHealthServer } from './health-server';
import { startHeartbeatFile } from './heartbeat-file';
import { attachLogging } from './logging';
import { MessageHandler } from './message-handler';
import { attachMetrics } from './metrics';
import { optionsFromConfig, type WorkerOptions } from './options';
import { QueueClient } from './queue-client';
import { ScanProcessor, type ScanFunction } from './scan-processor';
import { Sweeper } from './sweeper';
import { TaskProtection } from './task-protection';

export interface RunningWorker {
  readonly events: TypedEmitter<WorkerEvents>;
  readonly options: WorkerOptions;
  readonly healthPort: number;
  health(): PollHealth;
  /** Stops polling and sweeping, finishes or releases in-flight scans, closes everything. Idempotent. */
  stop(): Promise<void>;
}

export interface StartWorkerDeps {
  log: Logger;
  /** Where EMF metric lines go. @default process.stdout */
  writeMetrics?: (line: string) => void;
  /** The scanner; tests put a crashing one here, as no real input makes a detector throw. @default scanDocument */
  scan?: ScanFunction;
}

/** Wires the worker from its configuration: clients, repositories, consumer, sweeper, health. */
export async function startWorker(config: WorkerConfig, deps: StartWorkerDeps): Promise<RunningWorker> {
  const options = optionsFromConfig(config);
  // DynamoDB fails fast; SQS needs a request timeout longer than its long poll.
  const storage = createAwsClients(config.aws);
  const messaging = createAwsClients(config.aws, { requestTimeoutMs: (options.waitTimeSeconds + 10) * 1000 });
  const events = new TypedEmitter<WorkerEvents>();
  attachLogging(events, deps.log);
  attachMetrics(events, deps.writeMetrics ?? ((line) => process.stdout.write(line)));

  const scans = new ScanRepository(storage.dynamo, config.aws.tablePrefix);
  const queue = new QueueClient(messaging.sqs, options.queueUrl);
  const processor = new ScanProcessor({
    scans,
    documents: new DocumentRepository(storage.dynamo, config.aws.tablePrefix),
    findings: new FindingRepository(storage.dynamo, config.aws.tablePrefix),
    findingsWriteSliceSize: options.findingsWriteSliceSize,
    scan: deps.scan,
  });
  const handler = new MessageHandler({ queue, scans, processor, events, options });
  // On ECS only (the agent endpoint is there), and unless turned off with 0 minutes.
  const protection =
    config.ecsAgentUri && config.taskProtectionMinutes > 0
      ? new TaskProtection({ agentUri: config.ecsAgentUri, expiresInMinutes: config.taskProtectionMinutes }, events)
      : undefined;
  const consumer = new Consumer(queue, handler, events, options, (count) => protection?.setInFlight(count));
  const sweeper = new Sweeper({ scans, queue: new ScanQueue(messaging.sqs, options.queueUrl), events, options });

  let health: Awaited<ReturnType<typeof startHealthServer>>;
  try {
    health = await startHealthServer(config.healthPort, () => consumer.health());
  } catch (error) {
    storage.destroy();
    messaging.destroy();
    throw error;
  }
  consumer.start();
  sweeper.start();
  const heartbeat = config.heartbeatFile
    ? startHeartbeatFile(config.heartbeatFile, () => consumer.health(), (error) => events.emit('error', { error }))
    : undefined;
  deps.log.info(
    {
      healthPort: health.port,
      concurrency: options.concurrency,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
      taskProtectionMinutes: protection ? config.taskProtectionMinutes : 0,
    },
    'worker started',
  );

  let stopped: Promise<void> | undefined;
  return {
    events,
    options,
    healthPort: health.port,
    health: () => consumer.health(),
    stop() {
      stopped ??= (async () => {
        const released = countReleased(events);
        heartbeat?.stop();
        await Promise.all([consumer.stop(), sweeper.stop()]);
        // Every scan has finished or been released: the task may go.
        await protection?.stop();
        events.emit('stopped', { released: released() });
        await health.close();
        storage.destroy();
        messaging.destroy();
      })();
      return stopped;
    },
  };
}

function countReleased(events: TypedEmitter<WorkerEvents>): () => number {
  let released = 0;
  events.on('scan_released', () => released++);
  return () => released;
}
