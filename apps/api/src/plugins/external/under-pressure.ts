import fp from 'fastify-plugin';
import underPressure from '@fastify/under-pressure';
import { ProblemError } from '@platform/shared';
import { sendProblem } from '../app/problem-handler';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: the route is answered even under pressure (liveness must not fail because the server is busy). */
    loadShedding?: false;
  }
}

/**
 * Load shedding: past these limits new requests get a 503 problem instead of queueing up. Routes
 * with `config: { loadShedding: false }` (liveness) still run: ECS would otherwise restart a task
 * that is merely busy, which sheds all of its load at once onto the others.
 */
export default fp<{ maxEventLoopDelayMs: number }>(
  async (app, { maxEventLoopDelayMs }) => {
    if (maxEventLoopDelayMs === 0) return;
    await app.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      // Returning without sending lets the request through; once a reply is sent, no later hook runs.
      pressureHandler: (request, reply) => {
        if (request.routeOptions.config.loadShedding === false) return;
        sendProblem(reply, new ProblemError('service-unavailable', 'Server overloaded', 'The server is under pressure; retry shortly.').toProblem(request.url.split('?')[0]));
      },
    });
  },
  { name: 'under-pressure' },
);
