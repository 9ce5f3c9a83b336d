import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ProblemSchema } from '../../schemas/problem';
import { PROBLEM_MEDIA_TYPE } from '../../schemas/responses';

/** OpenAPI 3 generated from the route schemas; Swagger UI at /docs, the document at /openapi.json. */
export default fp(
  async (app) => {
    app.addSchema(ProblemSchema);
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'Document privacy scans API',
          version: '1.0.0',
          description:
            'Submit documents, get findings of leaked secrets and personal data. Every error is an RFC 9457 problem (`application/problem+json`). ' +
            'On any path, a method the path does not support is a 405 with `Allow`; a request target over 8,192 bytes is a 414; request headers over 16 KiB are a 431. ' +
            'Authenticated routes are rate limited per API key and send `x-ratelimit-limit`, `x-ratelimit-remaining` and `x-ratelimit-reset`; a 429 carries `Retry-After` (seconds until the window resets).',
        },
        components: {
          securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'API key: `Authorization: Bearer <key>` (the scheme is case-insensitive)' } },
          // Answered on any path, outside the operations below.
          responses: {
            MethodNotAllowed: {
              description: '405: the path does not support this method',
              headers: { allow: { description: 'Methods the path supports, e.g. `GET, HEAD`', schema: { type: 'string' } } },
              content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
            },
            HeadersTooLarge: {
              description: '431: request headers over 16 KiB',
              content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
            },
          },
        },
        tags: [{ name: 'scans' }, { name: 'health' }],
      },
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
