import { expectProblem, startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' }, { persistent: true });
});
afterAll(async () => ctx?.close());

describe('dependency outages', () => {
  it('answers 503 problem+json while DynamoDB is down and recovers without a restart', async () => {
    const key = ctx.tenantA;
    // warm the auth cache so the write path itself meets the outage
    expect((await ctx.app.inject({ url: '/v1/scans', headers: { authorization: key } })).statusCode).toBe(200);
    await ctx.aws.stopDynamo();
    try {
      const ready = await ctx.app.inject('/readyz');
      const problem = expectProblem(ready, 503, 'service-unavailable');
      expect(problem).toMatchObject({ checks: { dynamodb: 'unavailable', sqs: 'ok' } });
      const write = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: key }, payload: { content: 'during outage' } });
      expectProblem(write, 503, 'service-unavailable');
      expect(write.headers['retry-after']).toBe('1');
      expect(write.body).not.toContain('ECONNREFUSED');
    } finally {
      await ctx.aws.startDynamo();
    }
    expect((await ctx.app.inject('/readyz')).statusCode).toBe(200);
    const write = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: key }, payload: { content: 'after outage' } });
    expect(write.statusCode).toBe(202);
  });

  it('accepts a scan when SQS is down (the sweeper re-sends it) but is not ready', async () => {
    await ctx.aws.stopSqs();
    try {
      const ready = await ctx.app.inject('/readyz');
      expect(expectProblem(ready, 503)).toMatchObject({ checks: { dynamodb: 'ok', sqs: 'unavailable' } });
      const write = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantB }, payload: { content: 'queue down' } });
      expect(write.statusCode).toBe(202);
      const scan = await ctx.app.inject({ url: write.headers.location as string, headers: { authorization: ctx.tenantB } });
      expect(scan.json().status).toBe('queued');
    } finally {
      await ctx.aws.startSqs();
      await ctx.aws.provision();
    }
  });
});

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
