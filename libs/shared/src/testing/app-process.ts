import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface AppLogLine {
  msg?: string;
  [key: string]: unknown;
}

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One of our apps running as a real process for e2e tests: its pino JSON lines parsed, its exit awaited.
 * Apps subclass it only to add what their tests read (ports, URLs, metrics).
 */
export class AppProcess<L extends AppLogLine = AppLogLine> {
  readonly lines: L[] = [];
  /** Every stdout line, and stderr chunks, JSON or not. */
  readonly output: string[] = [];
  readonly exited: Promise<AppExit>;
  /** When the process exited (ms since epoch), once it has. */
  exitedAt: number | undefined;

  protected constructor(readonly child: ChildProcess) {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        this.output.push(line);
        try {
          this.lines.push(JSON.parse(line) as L);
        } catch {
          // not JSON: kept in output only
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitedAt = Date.now();
        resolve({ code, signal });
      }),
    );
  }

  /**
   * Starts `entry` (relative to the repository root) under node with tsx as an in-process loader, not
   * `tsx/cli`: the CLI runs the script in a grandchild, so a signal would hit the wrapper and not the app.
   * `tsconfig` gives tsx the @platform/* path aliases. The environment is only what is passed (plus PATH).
   */
  protected static spawnApp(entry: string, tsconfig: string, env: Record<string, string>): ChildProcess {
    return spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: tsconfig, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** Waits until `url` answers 200; kills the process and throws with its last output if it exits or times out. */
  protected async waitHealthy(url: string, timeoutMs: number): Promise<void> {
    const name = path.basename(String(this.child.spawnargs.at(-1)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exitedAt !== undefined || this.child.exitCode !== null) {
        throw new Error(`${name} exited with ${this.child.exitCode} before it was healthy: ${this.tail()}`);
      }
      const status = await fetch(url).then((r) => r.status, () => 0);
      if (status === 200) return;
      if (Date.now() > deadline) {
        this.child.kill('SIGKILL');
        throw new Error(`${name} not healthy within ${timeoutMs} ms: ${this.tail()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  logs(msg: string): L[] {
    return this.lines.filter((line) => line.msg === msg);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<AppExit> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }

  private tail(): string {
    return this.output.join('\n').slice(-2000);
  }
}
