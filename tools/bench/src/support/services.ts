import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ApiKeyRepository, createAwsClients, generateApiKey, loadApiConfig } from '@platform/shared';
import { EmbeddedAws, freePort } from '@platform/shared/testing';
import { WORKSPACE_ROOT } from './bench-result';

export const API_BUNDLE = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
export const WORKER_BUNDLE = join(WORKSPACE_ROOT, 'dist/apps/worker/main.js');

/** Builds the production bundles (esbuild via Nx; a cache hit when nothing changed). */
export function buildBundles(): void {
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', '--output-style=static'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (result.status !== 0 || !existsSync(API_BUNDLE) || !existsSync(WORKER_BUNDLE)) {
    throw new Error(`building the api and worker bundles failed: ${(result.stderr || result.stdout || String(result.error)).slice(-2000)}`);
  }
}

export interface Backend {
  aws: EmbeddedAws;
  /** Bearer token of tenant `bench`. */
  apiKey: string;
  /** Environment shared by the API and worker processes. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Embedded DynamoDB + SQS on loopback, tables and queues provisioned, one API key registered. */
export async function startBackend(tablePrefix: string): Promise<Backend> {
  const aws = await EmbeddedAws.start({ tablePrefix });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...aws.env,
    CURSOR_SECRET: randomBytes(24).toString('base64url'),
  };
  const apiKey = generateApiKey();
  const clients = createAwsClients(loadApiConfig(env).aws);
  try {
    await new ApiKeyRepository(clients.dynamo, tablePrefix).register(apiKey, 'bench', 'benchmark key');
  } finally {
    clients.destroy();
  }
  return { aws, apiKey, env, stop: () => aws.stop() };
}

/** A Node process (an app bundle or a bench helper) whose output is drained and kept short for errors. */
export class NodeProcess {
  private output = '';
  readonly exited: Promise<void>;

  private constructor(readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = once(child, 'exit').then(() => undefined);
  }

  /** BENCH_LOG_DIR=<dir> keeps each process's full output in <dir>/<name>-<pid>.log for investigation. */
  static spawn(script: string, env: NodeJS.ProcessEnv, args: string[] = [], name = 'process'): NodeProcess {
    const child = spawn(process.execPath, [...args, script], { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const logDir = process.env.BENCH_LOG_DIR;
    if (logDir) {
      mkdirSync(logDir, { recursive: true });
      const log = createWriteStream(join(logDir, `${name}-${child.pid}.log`));
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
    }
    return new NodeProcess(child);
  }

  get recentOutput(): string {
    return this.output;
  }

  /** Polls `url` until it answers 200; milliseconds from `since` (hrtime ns) to that answer. */
  async waitHealthy(url: string, since: bigint, timeoutMs = 20_000, intervalMs = 5): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`process exited with ${this.child.exitCode}: ${this.output}`);
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
        await response.arrayBuffer();
        if (response.status === 200) return Number(process.hrtime.bigint() - since) / 1e6;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    throw new Error(`${url} did not answer 200 within ${timeoutMs} ms: ${this.output}`);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface RunningApp {
  process: NodeProcess;
  baseUrl: string;
  /** Spawn to first 200 from /healthz, ms. */
  startupMs: number;
}

/** Starts the API bundle on a free loopback port and waits for /healthz. */
export async function startApi(backend: Backend, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const api = NodeProcess.spawn(API_BUNDLE, { ...backend.env, HOST: '127.0.0.1', PORT: String(port), ...extraEnv }, [], 'api');
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    return { process: api, baseUrl, startupMs: await api.waitHealthy(`${baseUrl}/healthz`, started) };
  } catch (error) {
    await api.stop(0);
    throw error;
  }
}

/** Starts the worker bundle with its health server on a free port and waits for /healthz. */
export async function startWorker(backend: Backend, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningApp> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const worker = NodeProcess.spawn(WORKER_BUNDLE, { ...backend.env, HEALTH_PORT: String(port), ...extraEnv }, [], 'worker');
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    return { process: worker, baseUrl, startupMs: await worker.waitHealthy(`${baseUrl}/healthz`, started) };
  } catch (error) {
    await worker.stop(0);
    throw error;
  }
}
