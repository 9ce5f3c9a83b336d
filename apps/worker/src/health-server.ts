import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PollHealth } from './consumer';

/** `GET /healthz` for the ECS container health check: 200 while polling works, 503 otherwise. */
export async function startHealthServer(port: number, health: () => PollHealth, host = '0.0.0.0'): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/healthz') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"status":"not found"}');
      return;
    }
    const state = health();
    response
      .writeHead(state.healthy ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      .end(JSON.stringify(state.healthy ? { status: 'ok' } : { status: 'unhealthy', reason: state.reason }));
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
