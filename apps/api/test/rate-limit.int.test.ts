import { expectProblem, startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
});
afterAll(async () => ctx?.close());

describe('rate limit', () => {
  it('limits each API key separately with a 429 problem', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await ctx.app.inject({ url: '/v1/scans?limit=1', headers: { authorization: ctx.tenantB } })).statusCode);
    expect(statuses.slice(-2)).toEqual([429, 429]);
    const limited = await ctx.app.inject({ url: '/v1/scans?limit=1', headers: { authorization: ctx.tenantB } });
    expectProblem(limited, 429, 'rate-limited');
    // another key is unaffected
    expect((await ctx.app.inject({ url: '/v1/scans?limit=1', headers: { authorization: ctx.tenantA } })).statusCode).not.toBe(429);
  });

  it("keeps the limiter's Retry-After: the seconds until the window resets, not a fixed 1", async () => {
    let limited;
    do limited = await ctx.app.inject({ url: '/v1/scans?limit=1', headers: { authorization: ctx.tenantB } });
    while (limited.statusCode !== 429);
    const retryAfter = Number(limited.headers['retry-after']);
    const reset = Number(limited.headers['x-ratelimit-reset']);
    expect(retryAfter).toBeGreaterThan(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(retryAfter).toBe(reset);
    expect(limited.headers['x-ratelimit-limit']).toBe('5');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('reports the remaining budget on answers under the limit', async () => {
    const response = await ctx.app.inject({ url: '/v1/scans?limit=1', headers: { authorization: ctx.tenantA } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-ratelimit-limit']).toBe('5');
    expect(Number(response.headers['x-ratelimit-remaining'])).toBeLessThan(5);
  });
});
