import fp from 'fastify-plugin';
import underPressure from '@fastify/under-pressure';
import { ProblemError } from '@platform/shared';
import { sendProblem } from '../app/problem-handler';

/** Load shedding: past these limits new requests get a 503 problem instead of queueing up. */
export default fp<{ maxEventLoopDelayMs: number }>(
  async (app, { maxEventLoopDelayMs }) => {
    if (maxEventLoopDelayMs === 0) return;
    await app.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      pressureHandler: (_request, reply) => {
        sendProblem(reply, new ProblemError('service-unavailable', 'Server overloaded', 'The server is under pressure; retry shortly.').toProblem());
      },
    });
  },
  { name: 'under-pressure' },
);
