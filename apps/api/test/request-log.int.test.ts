import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app';
import { apiLoggerOptions } from '../src/request-log';
import { startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx?.close());

interface LogLine {
  msg: string;
  level: number;
  reqId?: string;
  req?: Record<string, unknown>;
  res?: { statusCode: number };
  responseTime?: number;
}

/** The real app logging JSON lines at `level` into memory. */
async function loggingApp(level: string): Promise<{ app: FastifyInstance; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const app = await buildApp({ config: ctx.config, clients: ctx.clients, logger: { ...apiLoggerOptions(level), stream } });
  await app.ready();
  return { app, lines };
}

describe('request log', () => {
  it('writes one line per request at info: request id, method, path without query, status, duration', async () => {
    const { app, lines } = await loggingApp('info');
    try {
      const response = await app.inject({ url: '/v1/scans?limit=5&status=queued', headers: { authorization: ctx.tenantA, 'x-request-id': 'req-one-line' } });
      expect(response.statusCode).toBe(200);
      const forRequest = lines.filter((line) => line.reqId === 'req-one-line');
      expect(forRequest).toEqual([
        expect.objectContaining({ msg: 'request completed', req: { method: 'GET', url: '/v1/scans', remoteAddress: '127.0.0.1' }, res: { statusCode: 200 } }),
      ]);
      expect(typeof forRequest[0].responseTime).toBe('number');
      const all = JSON.stringify(lines);
      expect(all).not.toContain(ctx.tenantA.slice('Bearer '.length));
      expect(all).not.toContain('limit=5');
    } finally {
      await app.close();
    }
  });

  it('never logs the submitted document or the API key', async () => {
    const { app, lines } = await loggingApp('debug');
    try {
      const content = 'secret-document-body jane.doe@example.org';
      const response = await app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA }, payload: { content } });
      expect(response.statusCode).toBe(202);
      const all = JSON.stringify(lines);
      expect(all).not.toContain('secret-document-body');
      expect(all).not.toContain(ctx.tenantA.slice('Bearer '.length));
    } finally {
      await app.close();
    }
  });

  it('adds the "incoming request" line at debug, with the same request id', async () => {
    const { app, lines } = await loggingApp('debug');
    try {
      await app.inject({ url: '/healthz', headers: { 'x-request-id': 'req-debug' } });
      expect(lines.filter((line) => line.reqId === 'req-debug').map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
    } finally {
      await app.close();
    }
  });

  it('logs a rejected request once more, with the problem, before its completion line', async () => {
    const { app, lines } = await loggingApp('info');
    try {
      const response = await app.inject({ url: '/v1/scans/not-a-scan-id', headers: { authorization: ctx.tenantA, 'x-request-id': 'req-400' } });
      expect(response.statusCode).toBe(400);
      const forRequest = lines.filter((line) => line.reqId === 'req-400');
      expect(forRequest.map((line) => line.msg)).toEqual(['request rejected', 'request completed']);
      expect(forRequest[1]).toMatchObject({ res: { statusCode: 400 } });
    } finally {
      await app.close();
    }
  });
});
