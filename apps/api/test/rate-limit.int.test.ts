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
});
