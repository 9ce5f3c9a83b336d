import { startTestApp, type TestContext } from './test-app';

/** SSE_MAX_STREAM_SECONDS ends a stream whose scan is still running; the client reconnects. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp({ SSE_MAX_STREAM_SECONDS: '1' });
}, 60_000);
afterAll(async () => ctx?.close());

it('closes the event stream of a scan that stays queued after SSE_MAX_STREAM_SECONDS', async () => {
  const { id } = (
    await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA }, payload: { content: 'nobody scans this' } })
  ).json();
  const started = Date.now();
  const response = await ctx.app.inject({ url: `/v1/scans/${id}/events`, headers: { authorization: ctx.tenantA } });
  const elapsed = Date.now() - started;
  expect(response.statusCode).toBe(200);
  expect([...response.body.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]).status)).toEqual(['queued']);
  expect(elapsed).toBeGreaterThanOrEqual(900);
  expect(elapsed).toBeLessThan(15_000);
});
