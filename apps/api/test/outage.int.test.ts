import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { ApiKeyRepository, generateApiKey } from '@platform/shared';
import { expectProblem, startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
let existingId: string;
/** A valid key never used before the outage: its lookup (not the auth cache) meets the outage. */
let coldKey: string;
beforeAll(async () => {
  ctx = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' }, { persistent: true });
  const key = generateApiKey();
  await new ApiKeyRepository(ctx.clients.dynamo, ctx.config.aws.tablePrefix).register(key, 'tenant-cold', 'test');
  coldKey = `Bearer ${key}`;
  const created = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA }, payload: { content: 'before outage' } });
  existingId = created.json().id;
});
afterAll(async () => ctx?.close());

/** Receives from the scan queue until `scanId` shows up or `attempts` long polls (1 s each) pass. */
async function queued(scanId: string, attempts = 5): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    const result = await ctx.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: ctx.config.aws.scanQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    if ((result.Messages ?? []).some((m) => JSON.parse(m.Body ?? '{}').scanId === scanId)) return true;
  }
  return false;
}

describe('dependency outages', () => {
  it('answers 503 problem+json on readiness, writes and reads while DynamoDB is down, and recovers without a restart', async () => {
    const key = ctx.tenantA;
    // warm the auth cache so the routes themselves meet the outage
    expect((await ctx.app.inject({ url: '/v1/scans', headers: { authorization: key } })).statusCode).toBe(200);
    await ctx.aws.stopDynamo();
    try {
      const readyStarted = Date.now();
      const ready = await ctx.app.inject('/readyz');
      const readyMs = Date.now() - readyStarted;
      const problem = expectProblem(ready, 503, 'service-unavailable');
      expect(problem).toMatchObject({ checks: { dynamodb: 'unavailable', sqs: 'ok' } });
      const writeStarted = Date.now();
      const write = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: key }, payload: { content: 'during outage' } });
      process.stdout.write(`outage: DynamoDB down -> /readyz 503 in ${readyMs} ms, POST /v1/scans 503 in ${Date.now() - writeStarted} ms\n`);
      expectProblem(write, 503, 'service-unavailable');
      expect(write.headers['retry-after']).toBe('1');
      expect(write.body).not.toContain('ECONNREFUSED');
      for (const url of ['/v1/scans', `/v1/scans/${existingId}`, `/v1/scans/${existingId}/findings`, `/v1/scans/${existingId}/report`]) {
        expectProblem(await ctx.app.inject({ url, headers: { authorization: key } }), 503, 'service-unavailable');
      }
      expectProblem(await ctx.app.inject({ method: 'POST', url: `/v1/scans/${existingId}/cancel`, headers: { authorization: key } }), 503);
      // An uncached key cannot be checked: 503, never a 401 that would tell the client its key is bad.
      expectProblem(await ctx.app.inject({ url: '/v1/scans', headers: { authorization: coldKey } }), 503, 'service-unavailable');
      expect((await ctx.app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await ctx.aws.startDynamo();
    }
    const backAt = Date.now();
    expect((await ctx.app.inject('/readyz')).statusCode).toBe(200);
    process.stdout.write(`outage: DynamoDB back -> /readyz 200 after ${Date.now() - backAt} ms (no API restart)\n`);
    const write = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: key }, payload: { content: 'after outage' } });
    expect(write.statusCode).toBe(202);
    expect((await ctx.app.inject({ url: `/v1/scans/${existingId}`, headers: { authorization: key } })).json().status).toBe('queued');
    expect((await ctx.app.inject({ url: '/v1/scans', headers: { authorization: coldKey } })).statusCode).toBe(200);
  });

  // By design a write is accepted once it is durable in DynamoDB: the worker's sweeper re-sends
  // scans left `queued`, so refusing it would only make clients retry (and duplicate) a stored scan.
  it('accepts a scan when SQS is down (the sweeper re-sends it) but is not ready, and queues again once SQS is back', async () => {
    await ctx.aws.stopSqs();
    let acceptedId: string;
    try {
      const ready = await ctx.app.inject('/readyz');
      expect(expectProblem(ready, 503)).toMatchObject({ checks: { dynamodb: 'ok', sqs: 'unavailable' } });
      const write = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantB }, payload: { content: 'queue down' } });
      expect(write.statusCode).toBe(202);
      acceptedId = write.json().id;
      const scan = await ctx.app.inject({ url: write.headers.location as string, headers: { authorization: ctx.tenantB } });
      expect(scan.json().status).toBe('queued');
    } finally {
      await ctx.aws.startSqs();
      await ctx.aws.provision();
    }
    expect((await ctx.app.inject('/readyz')).json()).toEqual({ status: 'ready', checks: { dynamodb: 'ok', sqs: 'ok' } });
    // The same API instance sends again: a new scan's message reaches the restarted queue.
    const after = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantB }, payload: { content: 'queue back' } });
    expect(after.statusCode).toBe(202);
    expect(await queued(after.json().id)).toBe(true);
    // The scan accepted during the outage is still stored as queued, for the sweeper.
    expect((await ctx.app.inject({ url: `/v1/scans/${acceptedId}`, headers: { authorization: ctx.tenantB } })).json().status).toBe('queued');
  });

  it('answers 503 while both are down and recovers when both come back', async () => {
    await Promise.all([ctx.aws.stopDynamo(), ctx.aws.stopSqs()]);
    try {
      expect(expectProblem(await ctx.app.inject('/readyz'), 503)).toMatchObject({ checks: { dynamodb: 'unavailable', sqs: 'unavailable' } });
      expectProblem(await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA }, payload: { content: 'all down' } }), 503, 'service-unavailable');
      expectProblem(await ctx.app.inject({ url: `/v1/scans/${existingId}`, headers: { authorization: ctx.tenantA } }), 503, 'service-unavailable');
    } finally {
      await Promise.all([ctx.aws.startDynamo(), ctx.aws.startSqs()]);
      await ctx.aws.provision();
    }
    expect((await ctx.app.inject('/readyz')).statusCode).toBe(200);
    const write = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA }, payload: { content: 'all back' } });
    expect(write.statusCode).toBe(202);
    expect(await queued(write.json().id)).toBe(true);
  });
});
