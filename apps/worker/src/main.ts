import { ConfigError, loadWorkerConfig, type WorkerConfig } from '@platform/shared';
import { WorkerOptionsError } from './errors';
import { createLogger } from './logging';
import { startWorker } from './worker';

// The one place that owns process.exit: bad configuration -> 1 with a readable message,
// SIGTERM/SIGINT -> finish or release in-flight scans within the grace period -> 0.
async function main(): Promise<void> {
  let config: WorkerConfig;
  try {
    config = loadWorkerConfig();
  } catch (error) {
    if (error instanceof ConfigError) return exit(1, error.message);
    throw error;
  }
  const log = createLogger(config.logLevel);
  const worker = await startWorker(config, { log });

  let signalled = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (signalled) return;
    signalled = true;
    log.info({ signal, inFlightGraceSeconds: config.shutdownGraceSeconds }, 'shutdown requested');
    worker.stop().then(
      () => process.exit(0),
      (error: Error) => {
        log.error({ err: { name: error.name, message: error.message } }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

function exit(code: number, message: string): void {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

main().catch((error: Error) => {
  if (error instanceof WorkerOptionsError) return exit(1, error.message);
  exit(1, `worker failed to start: ${error.name}: ${error.message}`);
});
