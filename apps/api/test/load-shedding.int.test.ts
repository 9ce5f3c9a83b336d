import { expectProblem, startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  // Shed as soon as the event loop lags at all, so the test can force the pressure state.
  ctx = await startTestApp({ LOAD_SHED_EVENT_LOOP_DELAY_MS: '1' });
});
afterAll(async () => ctx?.close());

function blockEventLoop(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // busy: the event-loop delay histogram records this as one long delay
  }
}

/** Blocks the loop until under-pressure's next sample reports the pressure state. */
async function forcePressure(): Promise<void> {
  for (let i = 0; i < 20 && !ctx.app.isUnderPressure(); i++) {
    blockEventLoop(300);
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  expect(ctx.app.isUnderPressure()).toBe(true);
}

describe('load shedding', () => {
  it('keeps answering /healthz while it sheds /readyz and the API', async () => {
    await forcePressure();
    const [health, ready, scans] = await Promise.all([
      ctx.app.inject('/healthz'),
      ctx.app.inject('/readyz'),
      ctx.app.inject({ url: '/v1/scans', headers: { authorization: ctx.tenantA } }),
    ]);
    // The pressure state held for all three answers, or this proves nothing.
    expect(ctx.app.isUnderPressure()).toBe(true);
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    expectProblem(ready, 503, 'service-unavailable');
    expect(ready.headers['retry-after']).toBe('1');
    expectProblem(scans, 503, 'service-unavailable');
  });
});
