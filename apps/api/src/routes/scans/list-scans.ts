import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ListScansQuery, ScanList } from '../../schemas/scan';
import { rateLimitedResponse, scanRouteProblems } from '../../schemas/responses';
import { toScanView } from '../../services/scan-view';

const listScans: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v1/scans',
    {
      schema: {
        tags: ['scans'],
        summary: "List the tenant's scans, newest first",
        description: 'Cursor pagination: pass `nextCursor` back as `cursor`. With a status filter a page may hold fewer than `limit` items.',
        security: [{ apiKey: [] }],
        querystring: ListScansQuery,
        response: { 200: rateLimitedResponse('A page of scans', { 'application/json': ScanList }), ...scanRouteProblems() },
      },
    },
    async (request) => {
      const { scans, cursors } = app.services;
      const scope = `scans:${request.tenantId}:${request.query.status ?? '*'}`;
      const page = await scans.list(request.tenantId, {
        limit: request.query.limit ?? 20,
        status: request.query.status,
        startKey: cursors.decode(scope, request.query.cursor),
      });
      return { items: page.items.map(toScanView), nextCursor: cursors.encode(scope, page.lastKey) };
    },
  );
};

export default listScans;
