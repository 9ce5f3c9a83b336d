import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ScanRepository, type Scan } from '@platform/shared';
import { startTestApp, type TestContext } from './test-app';

const SUMMARY = { total: 0, bySeverity: { low: 0, medium: 0, high: 0, critical: 0 }, byCategory: { secret: 0, 'personal-data': 0 } };

/**
 * GET /v1/scans/:id through the terminal-scan cache, on the real app and embedded DynamoDB. A scan
 * rewritten behind the API's back shows whether an answer came from memory or from DynamoDB.
 */
describe.each([
  ['on (default TTL)', {}, true],
  ['off (SCAN_CACHE_TTL_SECONDS=0)', { SCAN_CACHE_TTL_SECONDS: '0' }, false],
])('terminal scan cache %s', (_name, env: Record<string, string>, cacheOn) => {
  let ctx: TestContext;
  let scans: ScanRepository;
  beforeAll(async () => {
    ctx = await startTestApp(env);
    scans = new ScanRepository(ctx.clients.dynamo, ctx.config.aws.tablePrefix);
  });
  afterAll(async () => ctx?.close());

  const get = (id: string, auth = ctx.tenantA) => ctx.app.inject({ url: `/v1/scans/${id}`, headers: { authorization: auth } });
  async function submit(): Promise<string> {
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA }, payload: { content: 'cache me' } });
    expect(response.statusCode).toBe(202);
    return response.json().id;
  }
  /** Changes a stored scan directly, as no code path of the service ever would for a terminal one. */
  async function rewrite(id: string, change: Partial<Scan>): Promise<void> {
    const stored = (await scans.get('tenant-a', id, true))!;
    await ctx.clients.dynamo.send(new PutCommand({ TableName: scans.tableName, Item: { ...stored, ...change } }));
  }

  it('reads queued and running scans from DynamoDB every time', async () => {
    const id = await submit();
    expect((await get(id)).json().status).toBe('queued');
    await scans.claim('tenant-a', id, new Date().toISOString());
    expect((await get(id)).json().status).toBe('running');
    await scans.succeed('tenant-a', id, 1, SUMMARY, new Date().toISOString());
    expect((await get(id)).json().status).toBe('succeeded');
  });

  it(cacheOn ? 'serves a terminal scan from memory once read' : 'reads a terminal scan from DynamoDB every time', async () => {
    const id = await submit();
    await scans.cancel('tenant-a', id, new Date().toISOString());
    expect((await get(id)).json()).toMatchObject({ status: 'cancelled', reason: 'cancelled by client' });
    await rewrite(id, { reason: 'rewritten behind the API' });
    expect((await get(id)).json().reason).toBe(cacheOn ? 'cancelled by client' : 'rewritten behind the API');
  });

  it("never serves tenant A's cached scan to tenant B, nor B's to A", async () => {
    const id = await submit();
    await scans.cancel('tenant-a', id, new Date().toISOString());
    expect((await get(id)).statusCode).toBe(200);
    const other = await get(id, ctx.tenantB);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('cache me');
    // And after B's miss, A still gets its own scan.
    expect((await get(id)).json()).toMatchObject({ id, status: 'cancelled' });
  });

  it('answers 409 to cancelling a cached terminal scan, as for an uncached one', async () => {
    const id = await submit();
    expect((await ctx.app.inject({ method: 'POST', url: `/v1/scans/${id}/cancel`, headers: { authorization: ctx.tenantA } })).statusCode).toBe(200);
    const again = await ctx.app.inject({ method: 'POST', url: `/v1/scans/${id}/cancel`, headers: { authorization: ctx.tenantA } });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already cancelled');
  });
});
