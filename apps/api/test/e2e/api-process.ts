import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '@platform/shared/testing';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface LogLine {
  msg?: string;
  reqId?: string;
  res?: { statusCode?: number };
  time?: number;
  [key: string]: unknown;
}

/** The API as a real process (node + tsx loader on apps/api/src/main.ts, as local dev runs it), its JSON logs parsed. */
export class ApiProcess {
  readonly lines: LogLine[] = [];
  readonly output: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        this.output.push(line);
        try {
          this.lines.push(JSON.parse(line) as LogLine);
        } catch {
          // not JSON: kept in output only
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Spawns the API on a free loopback port and waits until /healthz answers. */
  static async start(env: Record<string, string>): Promise<ApiProcess> {
    const port = await freePort();
    // tsx as an in-process loader (not tsx/cli, which adds a wrapper process): signals reach the API itself.
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: 'apps/api/tsconfig.app.json', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, port);
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode} before it was healthy: ${api.output.join('\n').slice(-2000)}`);
      const status = await fetch(`${api.baseUrl}/healthz`).then((r) => r.status, () => 0);
      if (status === 200) return api;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`api not healthy within 30 s: ${api.output.join('\n').slice(-2000)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  logs(msg: string): LogLine[] {
    return this.lines.filter((line) => line.msg === msg);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }
}
