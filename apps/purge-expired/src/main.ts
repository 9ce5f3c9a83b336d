import { writeFile } from 'node:fs/promises';
import { ConfigError } from '@platform/shared';
import pino from 'pino';
import { loadConfig, type Config } from './config';
import { runJob } from './job';
import { emfLine } from './metrics';

// One run, then exit: 0 = success (also when stopped early by SIGTERM or the time budget: the next run
// carries on), 1 = failure with one readable log line and RunsFailed, never a stack dump.
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
    log.info({ reason }, 'stopping after the current step');
    controller.abort(reason);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const budget = setTimeout(() => stop('MAX_RUNTIME_SECONDS'), config.maxRuntimeSeconds * 1000);
  const touch = () => void writeFile(config.heartbeatFile, `${new Date().toISOString()}\n`).catch(() => undefined);
  touch();
  const heartbeat = setInterval(touch, 10_000);

  const started = Date.now();
  log.info({ environment: config.deployEnvironment, maxRuntimeSeconds: config.maxRuntimeSeconds }, 'run started');
  try {
    const result = await runJob(config, { signal: controller.signal, log });
    const durationMs = Date.now() - started;
    log.info({ ...result.counts, stopped: result.stopped, durationMs }, 'run finished');
    process.stdout.write(emfLine(config.serviceName, { RunsSucceeded: 1, RunDurationMs: durationMs }));
    return 0;
  } catch (error) {
    const err = error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
    log.error({ err, durationMs: Date.now() - started }, 'run failed');
    process.stdout.write(emfLine(config.serviceName, { RunsFailed: 1 }));
    return 1;
  } finally {
    clearTimeout(budget);
    clearInterval(heartbeat);
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`purge-expired failed: ${error.name}: ${error.message}\n`);
    process.exit(1);
  },
);
