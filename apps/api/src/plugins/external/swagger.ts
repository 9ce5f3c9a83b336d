import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ProblemSchema } from '../../schemas/problem';

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
          description: 'Submit documents, get findings of leaked secrets and personal data. Errors are RFC 9457 problem details.',
        },
        components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'API key: Authorization: Bearer <key>' } } },
        tags: [{ name: 'scans' }, { name: 'health' }],
      },
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'swagger' },
);
