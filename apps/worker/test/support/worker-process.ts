import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '@platform/shared/testing';
import { waitFor } from './wait';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Short timings so crash/redelivery/sweeper paths play out in seconds. */
export const FAST_ENV = {
  VISIBILITY_TIMEOUT_SECONDS: '5',
  WAIT_TIME_SECONDS: '1',
  SWEEP_AFTER_SECONDS: '2',
  SWEEP_INTERVAL_SECONDS: '1',
  SHUTDOWN_GRACE_SECONDS: '2',
  LOG_LEVEL: 'info',
};

export interface LogLine {
  msg?: string;
  scanId?: string;
  [key: string]: unknown;
}

/** A worker running as a real process (tsx on apps/worker/src/main.ts), its logs parsed. */
export class WorkerProcess {
  readonly lines: LogLine[] = [];
  readonly rawOutput: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    readonly child: ChildProcess,
    readonly healthPort: number,
  ) {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        this.rawOutput.push(line);
        try {
          this.lines.push(JSON.parse(line) as LogLine);
        } catch {
          // not JSON: kept in rawOutput only
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => this.rawOutput.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Spawns the worker and waits until /healthz answers 200. */
  static async start(env: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<WorkerProcess> {
    const healthPort = await freePort();
    // tsx as an in-process loader, not `tsx/cli`: the CLI runs the script in a grandchild process,
    // so a SIGKILL would hit the wrapper and leave the real worker running. The app's tsconfig
    // gives tsx the @platform/* path aliases.
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/worker/src/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TSX_TSCONFIG_PATH: 'apps/worker/tsconfig.app.json',
        ...env,
        ...FAST_ENV,
        HEALTH_PORT: String(healthPort),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child, healthPort);
    const exitedEarly = worker.exited.then(({ code }) => {
      throw new Error(`worker exited with ${code} before it was healthy: ${worker.rawOutput.join('\n').slice(-2000)}`);
    });
    const healthy = waitFor('worker /healthz', async () => (await worker.health()) === 200, 20_000, 100);
    await Promise.race([healthy, exitedEarly]).catch((error) => {
      child.kill('SIGKILL');
      throw error;
    });
    exitedEarly.catch(() => undefined);
    return worker;
  }

  async health(): Promise<number> {
    const response = await fetch(`http://127.0.0.1:${this.healthPort}/healthz`);
    return response.status;
  }

  logs(msg: string): LogLine[] {
    return this.lines.filter((line) => line.msg === msg);
  }

  /** EMF metric records (lines carrying `_aws`). */
  metrics(): LogLine[] {
    return this.lines.filter((line) => line._aws !== undefined);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}
