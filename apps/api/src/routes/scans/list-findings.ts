import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FindingList, FindingsQuery, ScanIdParams } from '../../schemas/scan';
import { problemResponses } from '../../schemas/problem';
import { loadScan } from './load-scan';

const listFindings: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v1/scans/:id/findings',
    {
      schema: {
        tags: ['scans'],
        summary: 'Findings of a scan, in document order, paginated',
        security: [{ apiKey: [] }],
        params: ScanIdParams,
        querystring: FindingsQuery,
        response: { 200: FindingList, ...problemResponses(400, 401, 404, 429, 503) },
      },
    },
    async (request) => {
      const scan = await loadScan(app, request, request.params.id);
      const { findings, cursors } = app.services;
      const scope = `findings:${request.tenantId}:${scan.scanId}`;
      const page = await findings.list(scan.scanId, { limit: request.query.limit ?? 100, startKey: cursors.decode(scope, request.query.cursor) });
      return { items: page.items, nextCursor: cursors.encode(scope, page.lastKey) };
    },
  );
};

export default listFindings;
