import pino, { type Logger } from 'pino';
import { DetectorError } from './errors';
import type { WorkerEmitter } from './events';

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'worker' },
      // Belt and braces: these keys would only ever hold message bodies or document text.
      redact: { paths: ['body', 'content', 'text', '*.body', '*.content', '*.text'], censor: '[redacted]' },
    },
    destination,
  );
}

/**
 * Error fields safe to log: class, message and code of the error and its cause. The worker's own
 * messages never quote documents; a detector's might, so a DetectorError's cause keeps only its class.
 */
export function errorFields(error: Error): Record<string, unknown> {
  const cause = (error as { cause?: unknown }).cause as { name?: string; message?: string; code?: string } | undefined;
  const causeFields = error instanceof DetectorError ? { name: cause?.name } : { name: cause?.name, code: cause?.code, message: cause?.message };
  return {
    name: error.name,
    message: error.message,
    ...(cause ? { cause: causeFields } : {}),
  };
}

/** One structured log line per worker event. */
export function attachLogging(events: WorkerEmitter, log: Logger): void {
  events.on('scan_claimed', (e) => log.info(e, 'scan claimed'));
  events.on('scan_succeeded', (e) => log.info(e, 'scan succeeded'));
  events.on('scan_failed', (e) => log.warn(e, 'scan failed'));
  events.on('scan_retry_scheduled', ({ error, ...e }) => log.warn({ ...e, err: errorFields(error) }, 'scan attempt failed; retry scheduled'));
  events.on('scan_cancelled', (e) => log.info(e, 'scan cancelled; stopped'));
  events.on('scan_released', (e) => log.info(e, 'scan released for another worker'));
  events.on('scan_lost', (e) => log.warn(e, 'scan taken over by another worker; attempt abandoned'));
  events.on('duplicate_deleted', (e) => log.info(e, 'duplicate message for a finished scan deleted'));
  events.on('busy_elsewhere', (e) => log.info(e, 'scan running elsewhere; message delayed'));
  events.on('poison_message', (e) => log.warn(e, 'poison message left for the dead-letter queue'));
  events.on('error', ({ error, ...e }) => log.error({ ...e, err: errorFields(error) }, 'worker error'));
  events.on('poll_error', ({ error, ...e }) => log.error({ ...e, err: errorFields(error) }, 'receive failed'));
  events.on('swept', (e) => log.info(e, 'sweeper recovered scan'));
  events.on('task_protection', (e) => log.debug(e, e.enabled ? 'task scale-in protection on' : 'task scale-in protection off'));
  events.on('task_protection_failed', ({ error, ...e }) => log.warn({ ...e, err: errorFields(error) }, 'task scale-in protection not updated; scans carry on'));
  events.on('stopping', (e) => log.info(e, 'stopping: polling stopped, finishing in-flight scans'));
  events.on('stopped', (e) => log.info(e, 'stopped'));
}
