import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problems } from '@platform/shared';
import { ScanIdParams, ScanView } from '../../schemas/scan';
import { rateLimitedResponse, scanRouteProblems } from '../../schemas/responses';
import { toScanView } from '../../services/scan-view';
import { loadScan } from './load-scan';

const cancelScan: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/v1/scans/:id/cancel',
    {
      schema: {
        tags: ['scans'],
        summary: 'Cancel a queued or running scan',
        description: 'A running scan stops at its next checkpoint; the worker never overwrites a cancellation.',
        security: [{ apiKey: [] }],
        params: ScanIdParams,
        response: { 200: rateLimitedResponse('The scan, now cancelled', { 'application/json': ScanView }), ...scanRouteProblems(404, 409, 413, 415) },
      },
    },
    async (request) => {
      const scan = await loadScan(app, request, request.params.id, true);
      const cancelled = await app.services.scans.cancel(request.tenantId, scan.scanId, new Date().toISOString());
      if (!cancelled) {
        const current = await loadScan(app, request, scan.scanId, true);
        throw problems.invalidState(`Scan ${scan.scanId} is already ${current.status}; only queued or running scans can be cancelled.`);
      }
      app.services.scanCache.remember(cancelled);
      return toScanView(cancelled);
    },
  );
};

export default cancelScan;
