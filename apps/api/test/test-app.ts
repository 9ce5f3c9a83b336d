import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  ApiKeyRepository,
  createAwsClients,
  generateApiKey,
  loadApiConfig,
  type ApiConfig,
  type AwsClients,
} from '@platform/shared';
import { EmbeddedAws } from '@platform/shared/testing';
import { buildApp } from '../src/app';

export interface TestContext {
  aws: EmbeddedAws;
  clients: AwsClients;
  config: ApiConfig;
  app: FastifyInstance;
  /** Bearer header values of two tenants. */
  tenantA: string;
  tenantB: string;
  close(): Promise<void>;
}

/** The real app on a real (embedded) DynamoDB and SQS, with API keys for two tenants. */
export async function startTestApp(env: Record<string, string> = {}, options: { persistent?: boolean } = {}): Promise<TestContext> {
  // Persistent data survives stopping and restarting the emulated DynamoDB (outage tests).
  const dataDir = options.persistent ? mkdtempSync(path.join(tmpdir(), 'api-test-')) : undefined;
  const aws = await EmbeddedAws.start({ tablePrefix: `api-test-${process.pid}`, dataDir });
  const config = loadApiConfig({
    ...aws.env,
    CURSOR_SECRET: 'test-only-cursor-secret-0123456789',
    MAX_DOCUMENT_BYTES: String(64 * 1024),
    SSE_POLL_MS: '50',
    LOG_LEVEL: 'silent',
    // Tests share a loaded machine; load shedding has its own test.
    LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
  const clients = createAwsClients(config.aws, { maxAttempts: 1, requestTimeoutMs: 1000 });
  const app = await buildApp({ config, clients, logger: false });
  await app.ready();
  const keys = new ApiKeyRepository(clients.dynamo, config.aws.tablePrefix);
  const keyA = generateApiKey();
  const keyB = generateApiKey();
  await keys.register(keyA, 'tenant-a', 'test');
  await keys.register(keyB, 'tenant-b', 'test');
  return {
    aws,
    clients,
    config,
    app,
    tenantA: `Bearer ${keyA}`,
    tenantB: `Bearer ${keyB}`,
    async close() {
      await app.close();
      clients.destroy();
      await aws.stop();
    },
  };
}

export function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, type?: string) {
  expect(response.statusCode).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  const body = response.json() as { type: string; status: number; title: string; detail: string };
  expect(body.status).toBe(status);
  expect(body.type).toMatch(/^https:\/\/docscan\.example\.com\/problems\//);
  if (type) expect(body.type).toBe(`https://docscan.example.com/problems/${type}`);
  expect(body.detail.length).toBeGreaterThan(5);
  return body;
}
