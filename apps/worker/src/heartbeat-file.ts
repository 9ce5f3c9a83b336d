import { writeFile } from 'node:fs/promises';
import type { PollHealth } from './consumer';

/** How often the file is touched; the ECS check allows 120 s of silence, so a few misses are fine. */
export const HEARTBEAT_FILE_INTERVAL_MS = 10_000;

/**
 * The worker's container health check without HTTP: while polling is healthy, the file at `path`
 * is rewritten every interval, and ECS's check command fails when it is older than its limit.
 * Same verdict as `/healthz` (stuck or failing receives, shutting down), read from the file's age.
 */
export function startHeartbeatFile(
  path: string,
  health: () => PollHealth,
  onError: (error: Error) => void,
  intervalMs = HEARTBEAT_FILE_INTERVAL_MS,
): { stop(): void } {
  const touch = () => {
    if (!health().healthy) return;
    writeFile(path, `${new Date().toISOString()}\n`).catch(onError);
  };
  touch();
  const timer = setInterval(touch, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
