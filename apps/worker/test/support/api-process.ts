import { AppProcess, freePort } from '@platform/shared/testing';

/** The API as a real process (tsx on apps/api/src/main.ts) on the test's embedded DynamoDB and SQS. */
export class ApiProcess extends AppProcess {
  private constructor(
    child: AppProcess['child'],
    readonly baseUrl: string,
  ) {
    super(child);
  }

  static async start(env: Record<string, string>): Promise<ApiProcess> {
    const port = await freePort();
    const child = AppProcess.spawnApp('apps/api/src/main.ts', 'apps/api/tsconfig.app.json', {
      ...env,
      HOST: '127.0.0.1',
      PORT: String(port),
      CURSOR_SECRET: 'test-only-cursor-secret-0123456789',
      LOG_LEVEL: 'warn',
      // The shared test machine lags; shedding has its own test in the API.
      LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    });
    const api = new ApiProcess(child, `http://127.0.0.1:${port}`);
    await api.waitHealthy(`${api.baseUrl}/healthz`, 30_000);
    return api;
  }
}
