import { generateApiKey } from '@platform/shared';
import { expectProblem, startTestApp, type TestContext } from './test-app';

const LOOKUPS_PER_MINUTE = 3;
let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ AUTH_LOOKUPS_PER_MINUTE: String(LOOKUPS_PER_MINUTE) });
});
afterAll(async () => ctx?.close());

/** A different client address per test, so the per-address lookup limit of one test does not leak into another. */
let address = 10;
const nextAddress = () => `192.0.2.${address++}`;

describe('Bearer authentication', () => {
  it('challenges a request without credentials with WWW-Authenticate: Bearer and no error code', async () => {
    const response = await ctx.app.inject({ url: '/v1/scans', remoteAddress: nextAddress() });
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="docscan"');
  });

  it.each([
    ['another scheme', 'Basic Zm9vOmJhcg=='],
    ['a token with characters outside the key alphabet', 'Bearer \u0001'],
    ['the scheme alone', 'Bearer'],
  ])('refuses %s as invalid_request', async (_name, authorization) => {
    const response = await ctx.app.inject({ url: '/v1/scans', headers: { authorization }, remoteAddress: nextAddress() });
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="docscan", error="invalid_request", error_description="malformed Authorization header"');
  });

  it('refuses an unknown key as invalid_token', async () => {
    const response = await ctx.app.inject({ url: '/v1/scans', headers: { authorization: `Bearer ${generateApiKey()}` }, remoteAddress: nextAddress() });
    expectProblem(response, 401, 'unauthorized');
    expect(response.headers['www-authenticate']).toBe('Bearer realm="docscan", error="invalid_token", error_description="the API key is not valid"');
  });

  it.each(['bearer', 'BEARER', 'BeArEr'])('matches the scheme case-insensitively (%s)', async (scheme) => {
    const key = ctx.tenantA.slice('Bearer '.length);
    const response = await ctx.app.inject({ url: '/v1/scans?limit=1', headers: { authorization: `${scheme} ${key}` }, remoteAddress: nextAddress() });
    expect(response.statusCode).toBe(200);
  });
});

describe('API-key lookups per client address', () => {
  it('answers 429 without a DynamoDB lookup once an address has tried too many unknown keys', async () => {
    const attacker = nextAddress();
    const lookup = jest.spyOn(ctx.app.services.apiKeys, 'findByHash');
    try {
      const statuses: number[] = [];
      let limited;
      for (let i = 0; i < LOOKUPS_PER_MINUTE + 3; i++) {
        limited = await ctx.app.inject({ url: '/v1/scans', headers: { authorization: `Bearer ${generateApiKey()}` }, remoteAddress: attacker });
        statuses.push(limited.statusCode);
      }
      expect(statuses).toEqual([...Array(LOOKUPS_PER_MINUTE).fill(401), 429, 429, 429]);
      // Only the allowed attempts reached DynamoDB.
      expect(lookup).toHaveBeenCalledTimes(LOOKUPS_PER_MINUTE);
      const problem = expectProblem(limited!, 429, 'rate-limited');
      expect(problem.detail).toContain('per minute from this address');
      const retryAfter = Number(limited!.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(1);
      expect(retryAfter).toBeLessThanOrEqual(60);

      // Another address is not affected, and a valid key already in the cache still works from the limited one.
      expect((await ctx.app.inject({ url: '/v1/scans', headers: { authorization: `Bearer ${generateApiKey()}` }, remoteAddress: nextAddress() })).statusCode).toBe(401);
      expect((await ctx.app.inject({ url: '/v1/scans?limit=1', headers: { authorization: ctx.tenantB }, remoteAddress: nextAddress() })).statusCode).toBe(200);
      expect((await ctx.app.inject({ url: '/v1/scans?limit=1', headers: { authorization: ctx.tenantB }, remoteAddress: attacker })).statusCode).toBe(200);
    } finally {
      lookup.mockRestore();
    }
  });
});
