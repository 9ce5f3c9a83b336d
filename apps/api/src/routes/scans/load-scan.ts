import { problems, type Scan } from '@platform/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The tenant's scan or a 404. A scan of another tenant is indistinguishable from a missing one:
 * the key includes the tenant id, so it is never even read. A terminal scan may come from the
 * in-process cache (it never changes again, so even a `consistent` read may use it).
 */
export async function loadScan(app: FastifyInstance, request: FastifyRequest, scanId: string, consistent = false): Promise<Scan> {
  const { scans, scanCache } = app.services;
  const cached = scanCache.get(request.tenantId, scanId);
  if (cached) return cached;
  const scan = await scans.get(request.tenantId, scanId, consistent);
  if (!scan) throw problems.notFound(`Scan ${scanId} does not exist.`);
  scanCache.remember(scan);
  return scan;
}
