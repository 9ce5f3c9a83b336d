import { ApiKeyRepository, createAwsClients, generateApiKey, loadApiConfig } from '@platform/shared';
import { EmbeddedAws } from '@platform/shared/testing';
import { ApiProcess } from './api-process';
import { RequestLoop, type Outcome } from './request-loop';

const GRACE_SECONDS = 10;
const CONNECTIONS = 16;
const LOAD_BEFORE_SIGTERM_MS = 2000;
/** Errors a client sees when the server never read its request (refused or idle socket closed). */
const NOT_ACCEPTED_ERRORS = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'socket hang up'];

let aws: EmbeddedAws;
let api: ApiProcess | undefined;
let authorization: string;

beforeAll(async () => {
  aws = await EmbeddedAws.start({ tablePrefix: `api-sigterm-${process.pid}` });
  const config = loadApiConfig({ ...aws.env, CURSOR_SECRET: 'test-only-cursor-secret-0123456789' });
  const clients = createAwsClients(config.aws);
  const key = generateApiKey();
  await new ApiKeyRepository(clients.dynamo, config.aws.tablePrefix).register(key, 'tenant-load', 'test');
  clients.destroy();
  authorization = `Bearer ${key}`;
}, 60_000);

afterAll(async () => {
  await api?.kill('SIGKILL');
  await aws?.stop();
});

describe('SIGTERM under load', () => {
  it('finishes every accepted request with a 2xx, refuses or 503s the rest, and exits 0 within the grace period', async () => {
    api = await ApiProcess.start({
      ...aws.env,
      CURSOR_SECRET: 'test-only-cursor-secret-0123456789',
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      // debug adds the "incoming request" line (info logs one line per request, on completion):
      // the test matches what the server read with what it answered.
      LOG_LEVEL: 'debug',
      RATE_LIMIT_PER_MINUTE: '1000000',
      // Load shedding would answer 503 before the signal on this shared machine; it has its own test.
      LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    });
    const seed = await fetch(`${api.baseUrl}/v1/scans`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ content: 'seed' }) });
    expect(seed.status).toBe(202);
    const scanId = ((await seed.json()) as { id: string }).id;

    const load = new RequestLoop({
      baseUrl: api.baseUrl,
      authorization,
      scanId,
      connections: CONNECTIONS,
      maxRequestsPerConnection: 2000,
      // ~32 KB documents keep each write busy long enough that some are in flight at the signal.
      document: 'user jane@example.com wrote a line of prose here.\n'.repeat(650),
    });
    load.start();
    await new Promise((resolve) => setTimeout(resolve, LOAD_BEFORE_SIGTERM_MS));
    const signalledAt = Date.now();
    api.child.kill('SIGTERM');
    const exit = await api.exited;
    // Loops end on their first refused connection; stop any still going after 5 s.
    const cutoff = setTimeout(() => void load.stop(), 5000);
    await load.finished();
    clearTimeout(cutoff);

    // The process: exit code 0, within the grace period.
    expect(exit).toMatchObject({ code: 0, signal: null });
    const exitMs = api.exitedAt! - signalledAt;
    expect(exitMs).toBeLessThan(GRACE_SECONDS * 1000);

    // The server's view: every request it read was answered (none abandoned mid-way).
    const incoming = new Map<string, number>();
    const completed = new Map<string, number>();
    api.lines.forEach((line, index) => {
      if (line.msg === 'incoming request' && line.reqId) incoming.set(line.reqId, index);
      if (line.msg === 'request completed' && line.reqId) completed.set(line.reqId, line.res?.statusCode ?? 0);
    });
    const shutdownIndex = api.lines.findIndex((line) => line.msg === 'shutting down');
    expect(shutdownIndex).toBeGreaterThan(0);
    const abandoned = [...incoming.keys()].filter((id) => !completed.has(id));
    expect(abandoned).toEqual([]);

    // The clients' view, matched with the server's by request id.
    const byKind = { ok: [] as Outcome[], draining503: [] as Outcome[], notAccepted: [] as Outcome[] };
    for (const outcome of load.outcomes) {
      if (outcome.error !== undefined && outcome.status === undefined) {
        // A request the server never read may fail at the socket; one it read must not.
        expect({ id: outcome.requestId, accepted: incoming.has(outcome.requestId) }).toEqual({ id: outcome.requestId, accepted: false });
        expect(NOT_ACCEPTED_ERRORS).toContain(outcome.error);
        byKind.notAccepted.push(outcome);
        continue;
      }
      expect({ id: outcome.requestId, error: outcome.error }).toEqual({ id: outcome.requestId, error: undefined });
      expect(completed.get(outcome.requestId)).toBe(outcome.status);
      if (outcome.status === 503) {
        expect(outcome.contentType).toContain('application/problem+json');
        expect(JSON.parse(outcome.body ?? '{}')).toMatchObject({ status: 503, type: 'https://docscan.example.com/problems/service-unavailable' });
        byKind.draining503.push(outcome);
      } else {
        expect([200, 202]).toContain(outcome.status);
        byKind.ok.push(outcome);
      }
    }
    // Requests the server had read before the signal and finished after it: the drain was real.
    const inFlightAtSignal = [...incoming].filter(([id, index]) => index < shutdownIndex && (completed.get(id) ?? 0) < 300 && load.outcomes.some((o) => o.requestId === id && o.endedAt >= signalledAt));
    expect(inFlightAtSignal.length).toBeGreaterThan(0);
    expect(byKind.ok.length).toBeGreaterThan(CONNECTIONS);

    // After exit, new connections are refused.
    await expect(fetch(`${api.baseUrl}/healthz`)).rejects.toThrow();

    const errorCounts = new Map<string, number>();
    for (const o of byKind.notAccepted) errorCounts.set(o.error ?? '', (errorCounts.get(o.error ?? '') ?? 0) + 1);
    const errors = [...errorCounts].map(([code, count]) => `${code}: ${count}`);
    process.stdout.write(
      `sigterm under load: ${load.outcomes.length} requests on ${CONNECTIONS} connections; ${byKind.ok.length} 2xx ` +
        `(${inFlightAtSignal.length} in flight at SIGTERM), ${byKind.draining503.length} 503 while draining, ` +
        `${byKind.notAccepted.length} never accepted (${errors.join(', ') || 'none'}); exit 0 after ${exitMs} ms (grace ${GRACE_SECONDS} s)\n`,
    );
  }, 90_000);
});
