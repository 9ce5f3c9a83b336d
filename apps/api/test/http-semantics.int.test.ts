import type { AddressInfo } from 'node:net';
import { sendRaw } from './fuzz/raw-http';
import { expectProblem, startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx?.close());

describe('405 Method Not Allowed', () => {
  it.each([
    ['DELETE', '/v1/scans/01J0000000000000000000000A', 'GET, HEAD'],
    ['PUT', '/v1/scans', 'GET, HEAD, POST'],
    ['GET', '/v1/scans/01J0000000000000000000000A/cancel', 'POST'],
    ['PATCH', '/v1/scans/01J0000000000000000000000A/report', 'GET, HEAD'],
    ['POST', '/healthz', 'GET, HEAD'],
    ['OPTIONS', '/readyz', 'GET, HEAD'],
  ] as const)('answers %s %s with 405 problem+json and Allow: %s', async (method, url, allow) => {
    const response = await ctx.app.inject({ method, url, headers: { authorization: ctx.tenantA } });
    expectProblem(response, 405, 'method-not-allowed');
    expect(response.headers.allow).toBe(allow);
  });

  it('still answers 404 on an unknown path', async () => {
    expectProblem(await ctx.app.inject({ method: 'DELETE', url: '/v2/nothing' }), 404, 'not-found');
  });
});

describe('414 URI Too Long', () => {
  it('answers a request target over 8 KiB with 414 problem+json (through the router)', async () => {
    const response = await ctx.app.inject({ url: `/v1/scans?cursor=${'c'.repeat(9000)}`, headers: { authorization: ctx.tenantA } });
    expectProblem(response, 414, 'uri-too-long');
  });

  it('answers 414, not 431, when the request line alone overflows the HTTP parser, and 431 for big headers', async () => {
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = ctx.app.server.address() as AddressInfo;
    const longLine = await sendRaw(port, Buffer.from(`GET /v1/scans?cursor=${'c'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(longLine.statuses).toEqual([414]);
    expect(longLine.contentTypes).toEqual(['application/problem+json']);
    expect(longLine.text).toContain('HTTP/1.1 414 URI Too Long');
    const bigHeader = await sendRaw(port, Buffer.from(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'h'.repeat(20_000)}\r\n\r\n`));
    expect(bigHeader.statuses).toEqual([431]);
  });
});
