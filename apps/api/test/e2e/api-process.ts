import { AppProcess, freePort, type AppLogLine } from '@platform/shared/testing';

export interface LogLine extends AppLogLine {
  reqId?: string;
  res?: { statusCode?: number };
  time?: number;
}

/** The API as a real process (tsx on apps/api/src/main.ts, as local dev runs it) on a free loopback port. */
export class ApiProcess extends AppProcess<LogLine> {
  private constructor(
    child: AppProcess['child'],
    readonly port: number,
  ) {
    super(child);
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Spawns the API and waits until /healthz answers. */
  static async start(env: Record<string, string>): Promise<ApiProcess> {
    const port = await freePort();
    const child = AppProcess.spawnApp('apps/api/src/main.ts', 'apps/api/tsconfig.app.json', { ...env, HOST: '127.0.0.1', PORT: String(port) });
    const api = new ApiProcess(child, port);
    await api.waitHealthy(`${api.baseUrl}/healthz`, 30_000);
    return api;
  }
}
