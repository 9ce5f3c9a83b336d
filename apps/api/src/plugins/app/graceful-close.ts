import fp from 'fastify-plugin';
import { ProblemError } from '@platform/shared';
import { sendProblem } from './problem-handler';

/**
 * While the server drains after SIGTERM, a request arriving on an already open keep-alive
 * connection gets a 503 problem (with `Connection: close`, set by Fastify) instead of running:
 * the load balancer retries it on another task. Requests already running finish normally.
 * Replaces Fastify's `return503OnClosing`, whose body is not problem+json.
 */
export default fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', (request, reply, done) => {
      if (!closing) return done();
      sendProblem(
        reply,
        new ProblemError('service-unavailable', 'Shutting down', 'This server is shutting down; retry the request on a new connection.').toProblem(request.url.split('?')[0]),
      );
    });
  },
  { name: 'graceful-close' },
);
