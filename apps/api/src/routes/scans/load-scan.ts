import { problems, type Scan } from '@platform/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The tenant's scan or a 404. A scan of another tenant is indistinguishable from a missing one:
 * the key includes the tenant id, so it is never even read.
 */
export async function loadScan(app: FastifyInstance, request: FastifyRequest, scanId: string, consistent = false): Promise<Scan> {
  const scan = await app.services.scans.get(request.tenantId, scanId, consistent);
  if (!scan) throw problems.notFound(`Scan ${scanId} does not exist.`);
  return scan;
}
