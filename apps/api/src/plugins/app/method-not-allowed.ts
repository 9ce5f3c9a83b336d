import type { FastifyInstance, HTTPMethods } from 'fastify';
import { ProblemError } from '@platform/shared';
import { sendProblem } from './problem-handler';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Marks the routes this module adds, so they are not counted as methods a path supports. */
    methodNotAllowed?: true;
  }
}

/** The methods a client may try on a path; any of them not routed there is answered 405. */
const METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * RFC 9110 §15.5.6: a known path asked with a method it does not support is a 405 with `Allow`,
 * not a 404. `trackRouteMethods` (registered before the routes) records each route's methods;
 * `answerOtherMethods` (after them) adds one hidden route per path for the others. Only routes
 * with documented responses count (the API's operations), not the files Swagger UI serves.
 */
export function trackRouteMethods(app: FastifyInstance): Map<string, Set<string>> {
  const methodsByUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    // The API's own routes (they document their responses); Swagger UI's static files are left alone.
    if (route.config?.methodNotAllowed || !route.schema?.response) return;
    const methods = methodsByUrl.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method.toUpperCase());
    // Fastify answers HEAD for every GET route.
    if (methods.has('GET')) methods.add('HEAD');
    methodsByUrl.set(route.url, methods);
  });
  return methodsByUrl;
}

export function answerOtherMethods(app: FastifyInstance, methodsByUrl: ReadonlyMap<string, ReadonlySet<string>>): void {
  for (const [url, methods] of [...methodsByUrl]) {
    const missing = METHODS.filter((method) => !methods.has(method));
    if (missing.length === 0) continue;
    const allow = METHODS.filter((method) => methods.has(method)).join(', ');
    app.route({
      method: missing,
      url,
      config: { methodNotAllowed: true },
      schema: { hide: true },
      handler: (request, reply) => {
        reply.header('allow', allow);
        return sendProblem(
          reply,
          new ProblemError('method-not-allowed', 'Method not allowed', `${request.method} is not supported on this path; use ${allow}.`).toProblem(request.url.split('?')[0]),
        );
      },
    });
  }
}
