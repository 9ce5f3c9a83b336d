import { connect } from 'node:net';

export interface RawAnswer {
  /** Status of every response on the connection (pipelined requests get several). */
  statuses: number[];
  /** Content-Type of every response, in the same order. */
  contentTypes: string[];
  /** True when the server closed the connection without answering (e.g. it was still waiting for a body). */
  silent: boolean;
  text: string;
}

/**
 * Writes bytes to a loopback socket as they are, with no HTTP client in between to tidy them
 * up, and reads whatever comes back until the server closes or `timeoutMs` passes.
 */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 2000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A server that resets a connection it refused to parse is fine; anything else is not.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') {
        clearTimeout(timer);
        reject(error);
      }
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      // Each response head: status line, then headers up to the blank line. 1xx (100 Continue) are interim.
      const heads = [...text.matchAll(/^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n/gm)]
        .map((m) => ({ status: Number(m[1]), contentType: /^content-type: *([^\r\n]*)/im.exec(m[2])?.[1] ?? '' }))
        .filter((head) => head.status >= 200);
      resolve({ statuses: heads.map((h) => h.status), contentTypes: heads.map((h) => h.contentType), silent: heads.length === 0, text });
    });
  });
}
