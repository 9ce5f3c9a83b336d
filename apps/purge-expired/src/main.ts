import { writeFile } from 'node:fs/promises';
import { ConfigError, createAwsClients } from '@platform/shared';
import pino from 'pino';
import { loadConfig, type Config } from './config';
import { JobFailedError, runJob, type JobCounts } from './job';
import { emfLine } from './metrics';

// One run, then exit: 0 = success (also when stopped early by SIGTERM, the time budget or MAX_ITEMS: the
// next run carries on), 1 = failure with one readable log line and RunsFailed, never a stack dump.
async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const log = pino({ level: config.logLevel, base: { service: config.serviceName } });
  const controller = new AbortController();
  const stop = (reason: string) => {
    if (controller.signal.aborted) return;
    log.info({ reason }, 'stopping after the current batch');
    controller.abort(reason);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const budget = setTimeout(() => stop('MAX_RUNTIME_SECONDS'), config.maxRuntimeSeconds * 1000);
  const touch = () => void writeFile(config.heartbeatFile, `${new Date().toISOString()}\n`).catch(() => undefined);
  touch();
  const heartbeat = setInterval(touch, 10_000);
  // createAwsClients reads only the region and endpoints; this job uses no scan queue.
  const clients = createAwsClients({
    region: config.region,
    dynamoEndpointUrl: config.dynamoEndpointUrl,
    sqsEndpointUrl: config.sqsEndpointUrl,
    tablePrefix: config.tablePrefix,
    scanQueueUrl: '',
  });

  const started = Date.now();
  log.info({ environment: config.deployEnvironment, maxItems: config.maxItems, maxRuntimeSeconds: config.maxRuntimeSeconds }, 'run started');
  const metrics = (counts: JobCounts) => ({ DocumentsPurged: counts.documentsPurged, DeadLetterDepth: counts.deadLetterDepth, RunDurationMs: Date.now() - started });
  try {
    const result = await runJob(config, { signal: controller.signal, log, dynamo: clients.dynamo, sqs: clients.sqs });
    log.info({ ...result.counts, stopped: result.stopped, limited: result.limited, durationMs: Date.now() - started }, 'run finished');
    process.stdout.write(emfLine(config.serviceName, { RunsSucceeded: 1, ...metrics(result.counts) }));
    return 0;
  } catch (error) {
    const counts = error instanceof JobFailedError ? error.counts : { documentsPurged: 0, itemsScanned: 0 };
    const err = error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
    log.error({ err, ...counts, durationMs: Date.now() - started }, 'run failed');
    process.stdout.write(emfLine(config.serviceName, { RunsFailed: 1, ...metrics(counts) }));
    return 1;
  } finally {
    clearTimeout(budget);
    clearInterval(heartbeat);
    clients.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`purge-expired failed: ${error.name}: ${error.message}\n`);
    process.exit(1);
  },
);
