/**
 * `npm run dev` as a developer runs it: the real local-dev process starts the emulators and every
 * long-running catalog service; a scan posted to the API is finished by the worker; SIGTERM stops
 * everything with exit 0; a scheduled job runs once with --only; a bad argument exits 2.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '@platform/service-catalog';
import { ENVIRONMENT_NAMES } from '@platform/infra-config';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(REPO_ROOT, 'tools/local-dev/src/main.ts');
const catalog = loadCatalog({ workspaceRoot: REPO_ROOT, environmentNames: ENVIRONMENT_NAMES });

interface Dev {
  child: ChildProcess;
  output: () => string;
  exit: Promise<[number | null, NodeJS.Signals | null]>;
}

function startDev(args: string[], env: NodeJS.ProcessEnv): Dev {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), MAIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, exit: once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]> };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number, dev?: Dev): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${dev ? `; output:\n${dev.output()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm run dev', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'npm-run-dev-'));
  const env = { LOCAL_DATA_DIR: dataDir, LOCAL_PORT_OFFSET: String(20000 + Math.floor(Math.random() * 20000)), LOG_LEVEL: 'warn' };
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts every long-running catalog service; the API accepts a scan the worker finishes; SIGTERM stops all with 0', async () => {
    const dev = startDev([], env);
    try {
      const longRunning = catalog.services.filter((s) => s.kind !== 'scheduled');
      const banner = await waitFor('the banner', () => (/API key\s+(\S+)/.test(dev.output()) ? dev.output() : undefined), 120_000, dev);
      for (const service of catalog.services) expect(banner).toMatch(new RegExp(`^  ${service.name}\\s+${service.kind}: `, 'm'));
      for (const service of catalog.services.filter((s) => s.kind === 'scheduled')) expect(banner).toContain(`npm run dev -- --only ${service.name}`);
      const apiKey = /API key\s+(\S+)/.exec(banner)![1];

      for (const service of longRunning.filter((s) => s.port !== undefined && s.health)) {
        const url = `http://127.0.0.1:${service.port! + Number(env.LOCAL_PORT_OFFSET)}${service.health!.path}`;
        const status = await waitFor(`${service.name} ${url}`, () => fetch(url).then((r) => r.status, () => undefined), 60_000, dev);
        expect([service.name, String(status)]).toEqual([service.name, service.health!.matcher ?? '200']);
      }

      const api = `http://127.0.0.1:${catalog.get('api')!.port! + Number(env.LOCAL_PORT_OFFSET)}`;
      const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
      const created = await fetch(`${api}/v1/scans`, { method: 'POST', headers, body: JSON.stringify({ content: 'mail me: jane@example.com' }) });
      expect(created.status).toBe(202);
      const { id: scanId } = (await created.json()) as { id: string };
      const done = await waitFor(
        'the worker to finish the scan',
        async () => {
          const scan = (await (await fetch(`${api}/v1/scans/${scanId}`, { headers })).json()) as { status: string };
          return scan.status === 'succeeded' || scan.status === 'failed' ? scan.status : undefined;
        },
        60_000,
        dev,
      );
      expect(done).toBe('succeeded');

      dev.child.kill('SIGTERM');
      const [code] = await waitFor('exit after SIGTERM', () => Promise.race([dev.exit, new Promise<undefined>((r) => setTimeout(r, 100, undefined))]), 60_000, dev);
      expect(code).toBe(0);
    } finally {
      if (dev.child.exitCode === null && dev.child.signalCode === null) dev.child.kill('SIGKILL');
    }
  }, 240_000);

  it.each(catalog.services.filter((s) => s.kind === 'scheduled').map((s) => [s.name]))('runs the scheduled job %s once with --only and exits 0', async (name) => {
    const dev = startDev(['--only', name], env);
    const [code] = await dev.exit;
    expect({ code, output: dev.output() }).toEqual({ code: 0, output: expect.stringContaining(`dev: ${name} finished (0)`) });
  }, 180_000);

  it('exits 2 naming the catalog services for an unknown --only', async () => {
    const dev = startDev(['--only', 'nope'], env);
    const [code] = await dev.exit;
    expect(code).toBe(2);
    expect(dev.output()).toContain(`dev: --only takes one of: ${catalog.services.map((s) => s.name).join(', ')} (got "nope")`);
  }, 60_000);
});
