import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problems } from '@platform/shared';
import { JsonReport, ReportQuery, ScanIdParams } from '../../schemas/scan';
import { rateLimitedResponse, scanRouteProblems } from '../../schemas/responses';
import { SarifLog } from '../../report/sarif-schema';
import { toSarif } from '../../report/sarif';
import { toScanView } from '../../services/scan-view';
import { loadScan } from './load-scan';

const TOOL_VERSION = '1.0.0';

const getReport: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/v1/scans/:id/report',
    {
      schema: {
        tags: ['scans'],
        summary: 'Download the report of a finished scan (JSON or SARIF 2.1.0)',
        security: [{ apiKey: [] }],
        params: ScanIdParams,
        querystring: ReportQuery,
        response: {
          200: rateLimitedResponse('The report: `{scan, findings}` (format=json) or a SARIF 2.1.0 log (format=sarif), as an attachment', {
            'application/json': JsonReport,
            'application/sarif+json': SarifLog,
          }),
          ...scanRouteProblems(404, 409),
        },
      },
    },
    async (request, reply) => {
      const scan = await loadScan(app, request, request.params.id, true);
      if (scan.status !== 'succeeded') {
        throw problems.invalidState(`Scan ${scan.scanId} is ${scan.status}; a report exists once it has succeeded.`);
      }
      const findings = await app.services.findings.listAll(scan.scanId);
      const format = request.query.format ?? 'json';
      reply.header('content-disposition', `attachment; filename="scan-${scan.scanId}.${format === 'sarif' ? 'sarif' : 'json'}"`);
      if (format === 'sarif') {
        return reply.type('application/sarif+json').send(toSarif(scan, findings, { toolVersion: TOOL_VERSION, artifactPath: request.query.path }));
      }
      return { scan: toScanView(scan), findings };
    },
  );
};

export default getReport;
