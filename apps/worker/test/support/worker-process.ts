import { AppProcess, freePort, type AppLogLine } from '@platform/shared/testing';
import { waitFor } from './wait';

/** Short timings so crash/redelivery/sweeper paths play out in seconds. */
export const FAST_ENV = {
  VISIBILITY_TIMEOUT_SECONDS: '5',
  WAIT_TIME_SECONDS: '1',
  SWEEP_AFTER_SECONDS: '2',
  SWEEP_INTERVAL_SECONDS: '1',
  SHUTDOWN_GRACE_SECONDS: '2',
  LOG_LEVEL: 'info',
};

export interface LogLine extends AppLogLine {
  scanId?: string;
}

/** A worker running as a real process (tsx on apps/worker/src/main.ts), its logs parsed. */
export class WorkerProcess extends AppProcess<LogLine> {
  private constructor(
    child: AppProcess['child'],
    readonly healthPort: number,
  ) {
    super(child);
  }

  /** Spawns the worker with FAST_ENV timings and waits until /healthz answers 200. */
  static async start(env: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<WorkerProcess> {
    const healthPort = await freePort();
    const child = AppProcess.spawnApp('apps/worker/src/main.ts', 'apps/worker/tsconfig.app.json', {
      ...env,
      ...FAST_ENV,
      HEALTH_PORT: String(healthPort),
      ...extraEnv,
    });
    const worker = new WorkerProcess(child, healthPort);
    await worker.waitHealthy(`http://127.0.0.1:${healthPort}/healthz`, 20_000);
    return worker;
  }

  async health(): Promise<number> {
    const response = await fetch(`http://127.0.0.1:${this.healthPort}/healthz`);
    return response.status;
  }

  /** EMF metric records (lines carrying `_aws`). */
  metrics(): LogLine[] {
    return this.lines.filter((line) => line._aws !== undefined);
  }
}

/**
 * Waits until every scan id has at least one `msg` line in the workers' logs, then returns all `msg` lines.
 * A worker logs right after its DynamoDB write, so a test can see the status before the line arrives.
 */
export async function waitForLogged(workers: WorkerProcess[], msg: string, scanIds: Iterable<string>, timeoutMs = 5000): Promise<LogLine[]> {
  const wanted = new Set(scanIds);
  const lines = () => workers.flatMap((w) => w.logs(msg));
  await waitFor(`"${msg}" logged for ${wanted.size} scan(s)`, () => {
    const logged = new Set(lines().map((l) => l.scanId));
    return [...wanted].every((id) => logged.has(id));
  }, timeoutMs, 20);
  return lines();
}
