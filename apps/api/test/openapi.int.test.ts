import SwaggerParser from '@apidevtools/swagger-parser';
import { startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx?.close());

const ROUTES: [string, string][] = [
  ['post', '/v1/scans'],
  ['get', '/v1/scans'],
  ['get', '/v1/scans/{id}'],
  ['get', '/v1/scans/{id}/findings'],
  ['get', '/v1/scans/{id}/report'],
  ['get', '/v1/scans/{id}/events'],
  ['post', '/v1/scans/{id}/cancel'],
  ['get', '/healthz'],
  ['get', '/readyz'],
];

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3 document', async () => {
    const response = await ctx.app.inject('/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document))).resolves.toBeDefined();
  });

  it('covers every route with its responses and auth', async () => {
    const document = (await ctx.app.inject('/openapi.json')).json();
    for (const [method, path] of ROUTES) {
      const operation = document.paths[path]?.[method];
      expect({ route: `${method} ${path}`, present: Boolean(operation) }).toEqual({ route: `${method} ${path}`, present: true });
      if (path.startsWith('/v1')) {
        expect(operation.security).toEqual([{ apiKey: [] }]);
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401']));
      }
    }
    const create = document.paths['/v1/scans'].post;
    expect(Object.keys(create.requestBody.content)).toEqual(expect.arrayContaining(['application/json', 'text/plain']));
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['202', '413', '415', '422']));
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await ctx.app.inject('/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
