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

  it('documents every error as application/problem+json, the report per media type, and the response headers', async () => {
    const document = (await ctx.app.inject('/openapi.json')).json();
    for (const [method, path] of ROUTES) {
      const operation = document.paths[path][method];
      for (const [status, response] of Object.entries<{ content: Record<string, unknown> }>(operation.responses)) {
        if (Number(status) >= 400) expect({ route: `${method} ${path}`, status, types: Object.keys(response.content) }).toEqual({ route: `${method} ${path}`, status, types: ['application/problem+json'] });
      }
      if (path.startsWith('/v1')) {
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['414', '429', '500', '503']));
        expect(Object.keys(operation.responses['429'].headers)).toEqual(['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
        expect(Object.keys(operation.responses['401'].headers)).toEqual(['www-authenticate']);
      }
    }
    const report = document.paths['/v1/scans/{id}/report'].get.responses['200'];
    expect(Object.keys(report.content)).toEqual(['application/json', 'application/sarif+json']);
    expect(JSON.stringify(report.content['application/sarif+json'].schema)).toContain('utf16CodeUnits');
    expect(Object.keys(document.paths['/v1/scans/{id}/events'].get.responses['200'].content)).toEqual(['text/event-stream']);
    expect(Object.keys(document.paths['/v1/scans'].post.responses['202'].headers)).toContain('location');
    const detectors = document.paths['/v1/scans'].post.parameters.find((p: { name: string }) => p.name === 'detectors');
    expect(detectors.schema['x-enum']).toContain('email');
    expect(detectors.description).toContain('with a JSON body this parameter is a 400');
    expect(document.components.responses.MethodNotAllowed.headers.allow).toBeDefined();
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await ctx.app.inject('/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });
});
