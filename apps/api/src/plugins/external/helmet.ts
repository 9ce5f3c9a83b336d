import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/** The CSP allows what Swagger UI at /docs needs and nothing else. */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
    },
  },
};

/**
 * Security headers from helmet, on every answer. helmet's middleware is built once here:
 * @fastify/helmet (13.x) rebuilds it, CSP parsing included, on every request: about 0.01 ms of CPU
 * per request, a fifth of a cached GET. The headers are the same (test/security-headers.int.test.ts).
 */
export default fp(
  async (app) => {
    const setSecurityHeaders = helmet(HELMET_OPTIONS);
    app.addHook('onRequest', (request, reply, done) => {
      // helmet 8 throws its errors (Fastify turns a throw here into a 500) and calls next() bare.
      setSecurityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined));
    });
  },
  { name: 'helmet' },
);
