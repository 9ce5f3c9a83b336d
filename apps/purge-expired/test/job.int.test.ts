import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppProcess, EmbeddedAws } from '@platform/shared/testing';

/** One run of the job as a real process (tsx on src/main.ts) with the container environment's shape. */
class JobProcess extends AppProcess {
  static start(env: Record<string, string>): JobProcess {
    return new JobProcess(AppProcess.spawnApp('apps/purge-expired/src/main.ts', 'apps/purge-expired/tsconfig.app.json', env));
  }
}

describe('purge-expired job (real process)', () => {
  let aws: EmbeddedAws;
  let dir: string;

  beforeAll(async () => {
    aws = await EmbeddedAws.start();
    dir = mkdtempSync(join(tmpdir(), 'purge-expired-'));
  }, 30_000);

  afterAll(async () => {
    await aws?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (extra: Record<string, string> = {}) => ({
    ...aws.env,
    SERVICE_NAME: 'purge-expired',
    DEPLOY_ENV: 'test',
    HEARTBEAT_FILE: join(dir, 'heartbeat'),
    ...extra,
  });

  it('runs once, logs its summary and RunsSucceeded, and exits 0', async () => {
    const job = JobProcess.start(env());
    const exit = await job.exited;
    expect(exit.code).toBe(0);
    expect(job.logs('run finished')).toHaveLength(1);
    expect(job.logs('run finished')[0]).toMatchObject({ stopped: false, service: 'purge-expired' });
    const metrics = job.lines.filter((l) => l._aws !== undefined);
    expect(metrics).toEqual([expect.objectContaining({ Service: 'purge-expired', RunsSucceeded: 1 })]);
  });

  it('exits 1 with a readable message on bad configuration', async () => {
    const job = JobProcess.start(env({ MAX_RUNTIME_SECONDS: 'soon' }));
    const exit = await job.exited;
    expect(exit.code).toBe(1);
    const output = job.output.join('\n');
    expect(output).toContain('MAX_RUNTIME_SECONDS must be an integer');
    expect(output).not.toMatch(/\n\s+at /);
  });
});
