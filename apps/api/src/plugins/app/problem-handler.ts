import fp from 'fastify-plugin';
import { ProblemError, isUnavailableError, problemTypeUri, type ProblemDetails, type ProblemType } from '@platform/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

interface AjvError {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** "body/detectors/0 must be one of: email, jwt, ..." — says what is wrong and where. */
function describeValidation(context: string | undefined, errors: AjvError[]): { path: string; message: string }[] {
  return errors.map((e) => {
    const path = `${context ?? 'request'}${e.instancePath ?? ''}`;
    if (e.keyword === 'additionalProperties') return { path, message: `has unknown property '${String(e.params?.additionalProperty)}'` };
    if (e.keyword === 'enum') return { path, message: `must be one of: ${(e.params?.allowedValues as unknown[]).join(', ')}` };
    if (e.keyword === 'required') return { path, message: `is missing required property '${String(e.params?.missingProperty)}'` };
    return { path, message: e.message ?? 'is invalid' };
  });
}

const TYPE_BY_STATUS: Record<number, ProblemType> = {
  400: 'validation',
  401: 'unauthorized',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  431: 'headers-too-large',
  503: 'service-unavailable',
};

const TITLE_BY_CODE: Record<string, [ProblemType, string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload-too-large', 'Request body too large', 'The request body is larger than this endpoint accepts.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported-media-type', 'Unsupported media type', 'Send application/json or text/plain.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['validation', 'Request is invalid', 'The JSON body is empty.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['validation', 'Request is invalid', 'Content-Length does not match the body.'],
};

/** Turns any error into problem details. 4xx say what is wrong; 5xx are generic and logged. */
export function toProblem(error: FastifyError | Error, request: FastifyRequest): ProblemDetails {
  const instance = request.url.split('?')[0];
  if (error instanceof ProblemError) return error.toProblem(instance);
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const errors = describeValidation(fastifyError.validationContext, fastifyError.validation as AjvError[]);
    return {
      type: problemTypeUri('validation'),
      title: 'Request is invalid',
      status: 400,
      detail: errors.map((e) => `${e.path} ${e.message}`).join('; '),
      instance,
      errors,
    };
  }
  const known = fastifyError.code ? TITLE_BY_CODE[fastifyError.code] : undefined;
  if (known) {
    const [type, title, detail] = known;
    return new ProblemError(type, title, detail).toProblem(instance);
  }
  const status = fastifyError.statusCode;
  if (status && status >= 400 && status < 500) {
    const type = TYPE_BY_STATUS[status] ?? 'validation';
    // JSON syntax errors and other client errors: their messages describe the input, not our internals.
    const detail = error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? `Body is not valid JSON: ${error.message}` : error.message;
    return { type: problemTypeUri(type), title: 'Request is invalid', status, detail, instance };
  }
  if (isUnavailableError(error)) {
    return new ProblemError('service-unavailable', 'Service temporarily unavailable', 'A storage or queue dependency is unavailable; retry shortly.').toProblem(instance);
  }
  return { type: problemTypeUri('internal'), title: 'Internal error', status: 500, detail: 'An unexpected error occurred; it has been logged.', instance };
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails): FastifyReply {
  // A limiter's own Retry-After (seconds until its window resets) is kept; otherwise ask for 1 s.
  if ((problem.status === 503 || problem.status === 429) && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

export default fp(
  async (app) => {
    app.setErrorHandler((error, request, reply) => {
      const problem = toProblem(error as FastifyError, request);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ problem: problem.type, status: problem.status }, 'request rejected');
      return sendProblem(reply, problem);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, new ProblemError('not-found', 'Not found', `No route for ${request.method} ${request.url.split('?')[0]}.`).toProblem()),
    );
  },
  { name: 'problem-handler' },
);
