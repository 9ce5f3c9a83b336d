import { startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx?.close());

/** Helmet's headers with our CSP: what every API answer carries, success or problem. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';upgrade-insecure-requests",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('security headers', () => {
  it.each([
    ['a health check', '/healthz', true, 200],
    ['an authenticated read', '/v1/scans', true, 200],
    ['a 401', '/v1/scans', false, 401],
    ['a 404', '/no-such-route', true, 404],
  ])('are on %s, the same on every request', async (_name, url, authorized, status) => {
    for (let i = 0; i < 3; i++) {
      const response = await ctx.app.inject({ url, headers: authorized ? { authorization: ctx.tenantA } : {} });
      expect(response.statusCode).toBe(status);
      expect(response.headers).toMatchObject(SECURITY_HEADERS);
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('leave Swagger UI its own CSP', async () => {
    const response = await ctx.app.inject('/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain('validator.swagger.io');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
