import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problems } from '@platform/shared';
import { FindingList, FindingsQuery, ScanIdParams } from '../../schemas/scan';
import { rateLimitedResponse, scanRouteProblems } from '../../schemas/responses';
import { loadScan } from './load-scan';

const listFindings: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v1/scans/:id/findings',
    {
      schema: {
        tags: ['scans'],
        summary: 'Findings of a scan, in document order, paginated',
        description:
          'While a scan runs, the findings written so far. A cancelled scan has no findings to serve (409): ' +
          'the worker stops writing within about a second of the cancel, and what it wrote is never served.',
        security: [{ apiKey: [] }],
        params: ScanIdParams,
        querystring: FindingsQuery,
        response: { 200: rateLimitedResponse('A page of findings', { 'application/json': FindingList }), ...scanRouteProblems(404, 409) },
      },
    },
    async (request) => {
      const scan = await loadScan(app, request, request.params.id);
      if (scan.status === 'cancelled') throw problems.invalidState(`Scan ${scan.scanId} was cancelled; its findings are not served.`);
      const { findings, cursors } = app.services;
      const scope = `findings:${request.tenantId}:${scan.scanId}`;
      const page = await findings.list(scan.scanId, { limit: request.query.limit ?? 100, startKey: cursors.decode(scope, request.query.cursor) });
      return { items: page.items, nextCursor: cursors.encode(scope, page.lastKey) };
    },
  );
};

export default listFindings;
