import fp from 'fastify-plugin';
import { ProblemError } from '@platform/shared';
import { sendProblem } from './problem-handler';

/**
 * Longest request target accepted, in bytes (path and query). The longest legitimate one is a
 * list with a 2,048-character cursor, far below. Longer targets get 414 (RFC 9110 §15.5.15):
 * here when Node's parser let them through (up to its 16 KiB header limit), in
 * `clientErrorHandler` when the request line alone overflowed that limit.
 */
export const MAX_URI_LENGTH = 8192;

export function uriTooLong(): ProblemError {
  return new ProblemError('uri-too-long', 'URI too long', `The request target is longer than ${MAX_URI_LENGTH} bytes.`);
}

/** Answers 414 before routing work, authentication or a database read is spent on the request. */
export default fp(
  async (app) => {
    app.addHook('onRequest', (request, reply, done) => {
      if (request.url.length <= MAX_URI_LENGTH) return done();
      sendProblem(reply, uriTooLong().toProblem());
    });
  },
  { name: 'uri-too-long' },
);
