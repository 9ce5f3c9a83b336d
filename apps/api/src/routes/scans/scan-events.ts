import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import { Type } from '@sinclair/typebox';
import { isTerminal, type Scan } from '@platform/shared';
import { ScanIdParams } from '../../schemas/scan';
import { rateLimitedResponse, scanRouteProblems } from '../../schemas/responses';
import { toScanView } from '../../services/scan-view';
import { loadScan } from './load-scan';


function writeEvent(raw: ServerResponse, event: string, id: number, data: unknown): void {
  raw.write(`event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Server-sent events: the current status at once, then every change, until a terminal state.
 * Polls DynamoDB (works with any number of API tasks, no pub/sub needed) and sends comment
 * heartbeats more often than the ALB idle timeout so the connection stays open.
 */
const scanEvents: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const close of open) close();
  });

  app.get(
    '/v1/scans/:id/events',
    {
      schema: {
        tags: ['scans'],
        summary: 'Server-sent events: status changes until the scan ends',
        description: 'Events: `status` (data: the scan) on every change; the stream closes after a terminal status. Comment heartbeats keep idle proxies from closing it.',
        security: [{ apiKey: [] }],
        params: ScanIdParams,
        response: {
          200: rateLimitedResponse('The event stream (`retry:`, then `event: status` / `id:` / `data: <scan JSON>` blocks and `:` heartbeats)', {
            'text/event-stream': Type.String(),
          }),
          ...scanRouteProblems(404),
        },
      },
    },
    async (request, reply) => {
      const { config, scans, scanCache } = app.services;
      let scan: Scan = await loadScan(app, request, request.params.id, true);
      reply.hijack();
      const raw = reply.raw;
      // What hooks set on the reply (the rate-limit headers) is not written by a hijacked reply.
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(name, value);
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write('retry: 3000\n\n');
      let eventId = 0;
      let lastVersion = '';
      const send = (current: Scan) => {
        const version = `${current.status}|${current.updatedAt}`;
        if (version === lastVersion) return;
        lastVersion = version;
        writeEvent(raw, 'status', ++eventId, toScanView(current));
      };

      let finished = false;
      const timers: NodeJS.Timeout[] = [];
      const finish = () => {
        if (finished) return;
        finished = true;
        timers.forEach(clearInterval);
        open.delete(finish);
        raw.end();
      };
      open.add(finish);
      request.raw.on('close', finish);

      send(scan);
      if (isTerminal(scan.status)) return finish();

      timers.push(setInterval(() => raw.write(': heartbeat\n\n'), config.sseHeartbeatSeconds * 1000));
      timers.push(setTimeout(() => finish(), config.sseMaxStreamSeconds * 1000));
      let polling = false;
      timers.push(
        setInterval(async () => {
          if (polling || finished) return;
          polling = true;
          try {
            const current = await scans.get(request.tenantId, scan.scanId, true);
            if (finished || !current) return;
            scan = current;
            scanCache.remember(scan);
            send(scan);
            if (isTerminal(scan.status)) finish();
          } catch (error) {
            // A storage blip should not kill the stream; the next poll retries.
            request.log.warn({ err: error }, 'scan events poll failed');
          } finally {
            polling = false;
          }
        }, config.ssePollMilliseconds),
      );
    },
  );
};

export default scanEvents;
