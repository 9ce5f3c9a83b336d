import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { fuzzRequests, type FuzzRequest } from './fuzz/request-arbitraries';
import { rawRequests } from './fuzz/raw-request-arbitraries';
import { sendRaw } from './fuzz/raw-http';
import { RouteCatalog } from './fuzz/route-catalog';
import { startTestApp, type TestContext } from './test-app';

/**
 * Property-based fuzzing of every route: random methods, paths, query strings, headers and
 * bodies (JSON, text, invalid UTF-8, oversized) through app.inject(), then raw bytes over a real
 * socket. Every answer is a documented status or a 4xx, errors are problem+json, never a 5xx.
 * Counts are fixed (not time-boxed) so a run is reproducible from its seed.
 */
const INJECT_RUNS = Number(process.env.FUZZ_INJECT_RUNS ?? 3000);
const SOCKET_RUNS = Number(process.env.FUZZ_SOCKET_RUNS ?? 1000);

let ctx: TestContext;
let catalog: RouteCatalog;
let cancelledId: string;
const tally = new Map<number, number>();
const routeHits = new Map<string, number>();

beforeAll(async () => {
  // A rate limit high enough that the fuzzer reaches the handlers (429 has its own test).
  ctx = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000', AUTH_LOOKUPS_PER_MINUTE: '1000000' });
  catalog = RouteCatalog.fromOpenApi((await ctx.app.inject('/openapi.json')).json());
  // A terminal scan of tenant A: its events stream ends at once, its cancel is a 409.
  const created = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA }, payload: { content: 'fuzz seed jane@example.com' } });
  cancelledId = created.json().id;
  expect((await ctx.app.inject({ method: 'POST', url: `/v1/scans/${cancelledId}/cancel`, headers: { authorization: ctx.tenantA } })).statusCode).toBe(200);
}, 60_000);
afterAll(async () => ctx?.close());

/** The statuses seen so far, printed (console.log is kept by jest even from its workers) for docs/reliability.md. */
function printTally(what: string): void {
  console.log(`${what}; statuses: ${JSON.stringify(Object.fromEntries([...tally].sort(([a], [b]) => a - b)))}`);
  tally.clear();
}

function checkAnswer(request: Pick<FuzzRequest, 'method' | 'url'>, status: number, contentType: string, body: string | undefined): void {
  tally.set(status, (tally.get(status) ?? 0) + 1);
  const label = `${request.method} ${request.url.slice(0, 200)} -> ${status} ${body?.slice(0, 300) ?? ''}`;
  if (status >= 500) throw new Error(`server error: ${label}`);
  const path = request.url.split('?')[0];
  const route = catalog.find(request.method, path);
  if (route) routeHits.set(`${route.method} ${route.template}`, (routeHits.get(`${route.method} ${route.template}`) ?? 0) + 1);
  if (status < 400 && route && !route.statuses.has(status)) throw new Error(`undocumented status: ${label}`);
  if (status >= 400) {
    if (!contentType.startsWith('application/problem+json')) throw new Error(`error without problem+json (${contentType}): ${label}`);
    if (body !== undefined && request.method !== 'HEAD') {
      const problem = JSON.parse(body) as { status?: number; type?: string; detail?: string };
      if (problem.status !== status || !problem.type?.startsWith('https://') || !problem.detail) throw new Error(`malformed problem: ${label}`);
    }
  }
}

describe('fuzzing every route', () => {
  it(`answers ${INJECT_RUNS} random requests through inject() with documented statuses, never a 5xx`, async () => {
    const arbitrary = fuzzRequests({
      templates: catalog.templates,
      knownIds: [cancelledId],
      authorizations: [ctx.tenantA, ctx.tenantB],
      maxDocumentBytes: ctx.config.limits.maxDocumentBytes,
    });
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(arbitrary, async (request) => {
        const response: LightMyRequestResponse = await ctx.app.inject({ ...request, method: request.method as 'GET' });
        checkAnswer(request, response.statusCode, String(response.headers['content-type'] ?? ''), response.body);
      }),
      { numRuns: INJECT_RUNS },
    );
    // Every documented route was called, and the handlers were reached, not just the router and validators.
    expect(catalog.routes.map((r) => `${r.method} ${r.template}`).filter((r) => !routeHits.get(r))).toEqual([]);
    expect(tally.get(202)).toBeGreaterThan(0);
    expect(tally.get(200)).toBeGreaterThan(0);
    printTally(`fuzz inject: ${INJECT_RUNS} requests in ${Date.now() - started} ms, on ${routeHits.size} documented routes`);
  }, 120_000);

  it(`answers ${SOCKET_RUNS} raw requests over a real socket, then still serves /healthz`, async () => {
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = ctx.app.server.address() as AddressInfo;
    let silent = 0;
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(rawRequests({ authorization: ctx.tenantA, knownId: cancelledId }), async (bytes) => {
        const answer = await sendRaw(port, bytes);
        if (answer.silent) silent++;
        answer.statuses.forEach((status, i) => checkAnswer({ method: 'RAW', url: bytes.toString('latin1').split('\r\n')[0] }, status, answer.contentTypes[i] ?? '', undefined));
      }),
      { numRuns: SOCKET_RUNS },
    );
    printTally(`fuzz raw socket: ${SOCKET_RUNS} connections in ${Date.now() - started} ms, ${silent} closed without an answer (nothing, or no complete and valid request, was sent)`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  }, 120_000);
});
