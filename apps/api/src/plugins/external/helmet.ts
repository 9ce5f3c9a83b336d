import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';

/** Security headers; the CSP allows what Swagger UI at /docs needs and nothing else. */
export default fp(
  async (app) => {
    await app.register(helmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    });
  },
  { name: 'helmet' },
);
