import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/shared';
import { sendProblem } from './problem-handler';
import { MAX_URI_LENGTH, uriTooLong } from './uri-too-long';

/** Errors raised by the router before a route runs (e.g. malformed percent-encoding in the URL). */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const detail = error.code === 'FST_ERR_BAD_URL' ? 'The URL is malformed (bad percent-encoding).' : error.message;
  sendProblem(reply, new ProblemError('validation', 'Request is invalid', detail).toProblem());
}

const REASON: Record<number, string> = { 400: 'Bad Request', 414: 'URI Too Long', 431: 'Request Header Fields Too Large' };

/** The header block overflowed Node's limit in its first line: the request target is what is too long. */
function requestLineTooLong(rawPacket: unknown): boolean {
  if (!Buffer.isBuffer(rawPacket) || !/^[A-Z]+ /.test(rawPacket.subarray(0, 16).toString('latin1'))) return false;
  const lineEnd = rawPacket.indexOf('\r\n');
  return (lineEnd === -1 ? rawPacket.length : lineEnd) > MAX_URI_LENGTH;
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request: an oversized request line
 * (414) or headers (431), garbage request lines. Answered as problem+json too, then the socket is closed.
 */
export function clientErrorHandler(error: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const overflow = error.code === 'HPE_HEADER_OVERFLOW';
  const problem = overflow
    ? requestLineTooLong(error.rawPacket)
      ? uriTooLong().toProblem()
      : new ProblemError('headers-too-large', 'Request headers too large', 'The request headers exceed the server limit.').toProblem()
    : new ProblemError('validation', 'Malformed HTTP request', 'The request could not be parsed as HTTP.').toProblem();
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${problem.status} ${REASON[problem.status]}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
