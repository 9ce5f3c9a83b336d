import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ScanIdParams, ScanView } from '../../schemas/scan';
import { rateLimitedResponse, scanRouteProblems } from '../../schemas/responses';
import { toScanView } from '../../services/scan-view';
import { loadScan } from './load-scan';

const getScan: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v1/scans/:id',
    {
      schema: {
        tags: ['scans'],
        summary: 'Status, timings and summary counts of a scan',
        security: [{ apiKey: [] }],
        params: ScanIdParams,
        response: { 200: rateLimitedResponse('The scan', { 'application/json': ScanView }), ...scanRouteProblems(404) },
      },
    },
    async (request) => toScanView(await loadScan(app, request, request.params.id)),
  );
};

export default getScan;
