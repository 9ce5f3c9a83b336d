import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DETECTOR_IDS, ProblemError, problems, type DetectorId } from '@platform/shared';
import { AcceptedScan, CreateScanJsonBody, CreateScanQuery, CreateScanTextBody, IdempotencyHeaders } from '../../schemas/scan';
import { rateLimitedResponse, scanRouteProblems } from '../../schemas/responses';
import { submitScan, type ScanRequest } from '../../services/scan-submission';
import { scanLinks } from '../../services/scan-view';

/** In a `u` regex a surrogate pair is one code point, so `\p{Cs}` matches only unpaired surrogates. */
const LONE_SURROGATE = /\p{Cs}/u;

function parseDetectors(list: string | undefined): DetectorId[] {
  if (list === undefined) return [];
  const ids = [...new Set(list.split(','))];
  const unknown = ids.filter((id) => !(DETECTOR_IDS as readonly string[]).includes(id));
  if (unknown.length > 0) throw problems.validation(`querystring/detectors has unknown detector(s): ${unknown.join(', ')}. Known: ${DETECTOR_IDS.join(', ')}.`);
  return ids as DetectorId[];
}

const createScan: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/v1/scans',
    {
      schema: {
        tags: ['scans'],
        summary: 'Submit a document for scanning',
        description:
          'JSON `{content, framework?, detectors?}` or a `text/plain` body (options in the query string). ' +
          'With a JSON body the query string must not carry `framework` or `detectors` (400): options go in the body. ' +
          'A text/plain body is the document byte for byte (a leading BOM included); invalid UTF-8, or an unpaired surrogate escape in JSON content, is a 400 `invalid-utf8`. ' +
          'Send `Idempotency-Key` to make retries safe: the same key and body return the same scan.',
        security: [{ apiKey: [] }],
        headers: IdempotencyHeaders,
        querystring: CreateScanQuery,
        body: {
          content: {
            'application/json': { schema: CreateScanJsonBody },
            'text/plain': { schema: CreateScanTextBody },
          },
        },
        response: {
          202: rateLimitedResponse('Accepted: the scan is queued (or, for a replayed Idempotency-Key, the earlier scan)', { 'application/json': AcceptedScan }, ['location']),
          ...scanRouteProblems(413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { config } = app.services;
      let scanRequest: ScanRequest;
      // Without a Content-Type Fastify parses nothing and skips body validation: no body at all.
      if (request.body === undefined || request.body === null) {
        throw problems.validation('A body is required: JSON {"content": "..."} with Content-Type: application/json, or the document as text/plain.');
      }
      if (typeof request.body === 'string') {
        scanRequest = { content: request.body, framework: request.query.framework ?? 'gdpr', detectors: parseDetectors(request.query.detectors) };
      } else {
        const body = request.body as CreateScanJsonBody;
        if (request.query.framework !== undefined || request.query.detectors !== undefined) {
          throw problems.validation('With a JSON body, put framework and detectors in the body, not the query string.');
        }
        scanRequest = { content: body.content, framework: body.framework ?? 'gdpr', detectors: body.detectors ?? [] };
      }
      if (LONE_SURROGATE.test(scanRequest.content)) {
        // UTF-8 cannot encode it: storing it would turn it into U+FFFD and shift every offset after it.
        throw new ProblemError('invalid-utf8', 'Content is not valid Unicode', 'body/content contains an unpaired surrogate (e.g. "\\ud800"), which has no UTF-8 encoding.');
      }
      if (scanRequest.content.trim() === '') throw problems.validation('body/content must not be empty or only whitespace.');
      const size = Buffer.byteLength(scanRequest.content, 'utf8');
      if (size > config.limits.maxDocumentBytes) {
        throw new ProblemError('payload-too-large', 'Document too large', `The document is ${size} bytes; the limit is ${config.limits.maxDocumentBytes} bytes.`);
      }
      const { scan } = await submitScan(
        {
          ...app.services,
          idempotencyTtlSeconds: config.limits.idempotencyTtlSeconds,
          documentRetentionDays: config.limits.documentRetentionDays,
          log: request.log,
        },
        request.tenantId,
        scanRequest,
        request.headers['idempotency-key'],
      );
      const links = scanLinks(scan.scanId);
      return reply
        .code(202)
        .header('location', links.self)
        .send({ id: scan.scanId, status: scan.status, createdAt: scan.createdAt, links: { self: links.self, events: links.events } });
    },
  );
};

export default createScan;
