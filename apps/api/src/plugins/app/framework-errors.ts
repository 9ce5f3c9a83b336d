import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/shared';
import { sendProblem } from './problem-handler';

/** Errors raised by the router before a route runs (e.g. malformed percent-encoding in the URL). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const detail = error.code === 'FST_ERR_BAD_URL' ? 'The URL is malformed (bad percent-encoding).' : error.message;
  sendProblem(reply, new ProblemError('validation', 'Request is invalid', detail).toProblem());
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request: oversized headers, garbage
 * request lines. Answered as problem+json too, then the socket is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const problem = tooLarge
    ? new ProblemError('headers-too-large', 'Request headers too large', 'The request headers exceed the server limit.').toProblem()
    : new ProblemError('validation', 'Malformed HTTP request', 'The request could not be parsed as HTTP.').toProblem();
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
