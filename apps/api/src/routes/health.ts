import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ProblemError } from '@platform/shared';
import { sendProblem } from '../plugins/app/problem-handler';
import { problemResponses } from '../schemas/responses';

const Checks = Type.Object({
  dynamodb: Type.Unsafe<'ok' | 'unavailable'>({ type: 'string', enum: ['ok', 'unavailable'] }),
  sqs: Type.Unsafe<'ok' | 'unavailable'>({ type: 'string', enum: ['ok', 'unavailable'] }),
});

/** Liveness (process up) and readiness (dependencies reachable) for the ALB and ECS. */
const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/healthz',
    {
      // Liveness answers even when the server sheds load: a busy task is not a dead one.
      config: { loadShedding: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness (never load-shed)',
        description: 'Answers 200 while the process runs, also when other routes answer 503 under load.',
        response: { 200: Type.Object({ status: Type.Literal('ok') }), ...problemResponses(414, 500) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: DynamoDB and SQS reachable',
        description: 'A 503 when a dependency is unreachable, or when the server is shedding load (take this task out of rotation for a while).',
        response: { 200: Type.Object({ status: Type.Literal('ready'), checks: Checks }), ...problemResponses(414, 500, 503) },
      },
    },
    async (_request, reply) => {
      const checks = await app.services.checkReadiness();
      if (checks.dynamodb === 'ok' && checks.sqs === 'ok') return { status: 'ready' as const, checks };
      const down = Object.entries(checks).filter(([, v]) => v !== 'ok').map(([k]) => k);
      return sendProblem(
        reply,
        new ProblemError('service-unavailable', 'Not ready', `Unreachable: ${down.join(', ')}.`, { checks }).toProblem('/readyz'),
      );
    },
  );
};

export default healthRoutes;
