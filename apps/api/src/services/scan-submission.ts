import { createHash } from 'node:crypto';
import {
  IdempotencyRepository,
  ProblemError,
  newScanId,
  type DetectorId,
  type DocumentRepository,
  type Framework,
  type Scan,
  type ScanQueue,
  type ScanRepository,
} from '@platform/shared';
import type { FastifyBaseLogger } from 'fastify';

export interface ScanRequest {
  content: string;
  framework: Framework;
  detectors: DetectorId[];
}

export interface SubmissionDeps {
  scans: ScanRepository;
  documents: DocumentRepository;
  idempotency: IdempotencyRepository;
  queue: ScanQueue;
  idempotencyTtlSeconds: number;
  documentRetentionDays: number;
  log: FastifyBaseLogger;
}

export interface SubmissionResult {
  scan: Scan;
  /** False when an Idempotency-Key replay returned an earlier scan. */
  created: boolean;
}

/**
 * Accepts a scan durably before queueing it: document, then scan item (`queued`), then the SQS
 * message. If the process dies after the write, the worker's sweeper re-sends the message; if
 * the send fails, the scan is still accepted for the same reason. No TransactWriteItems needed:
 * every write is keyed deterministically and conditional.
 */
export async function submitScan(
  deps: SubmissionDeps,
  tenantId: string,
  request: ScanRequest,
  idempotencyKey: string | undefined,
): Promise<SubmissionResult> {
  const contentSha256 = createHash('sha256').update(request.content, 'utf8').digest('hex');
  const now = new Date();
  let scanId = newScanId(now.getTime());

  if (idempotencyKey !== undefined) {
    const requestHash = createHash('sha256')
      .update(JSON.stringify([contentSha256, request.framework, [...request.detectors].sort()]))
      .digest('hex');
    const claim = await deps.idempotency.claim({
      idempotencyId: IdempotencyRepository.recordId(tenantId, idempotencyKey),
      requestHash,
      scanId,
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + deps.idempotencyTtlSeconds,
    });
    if (claim.outcome === 'existing') {
      if (claim.record.requestHash !== requestHash) {
        throw new ProblemError(
          'idempotency-key-reused',
          'Idempotency-Key reused with a different request',
          'This Idempotency-Key was already used with a different body; use a new key for a new scan.',
        );
      }
      const existing = await deps.scans.get(tenantId, claim.record.scanId, true);
      if (existing) return { scan: existing, created: false };
      // The first request died before writing its scan: finish it under the same id.
      scanId = claim.record.scanId;
    }
  }

  const iso = now.toISOString();
  const scan: Scan = {
    tenantId,
    scanId,
    status: 'queued',
    framework: request.framework,
    detectors: request.detectors,
    sizeBytes: Buffer.byteLength(request.content, 'utf8'),
    contentSha256,
    attempts: 0,
    createdAt: iso,
    updatedAt: iso,
    enqueuedAt: iso,
  };
  const expiresAt = Math.floor(now.getTime() / 1000) + deps.documentRetentionDays * 86400;
  await deps.documents.put(scanId, request.content, expiresAt);
  const created = await deps.scans.create(scan);
  if (!created) {
    const existing = await deps.scans.get(tenantId, scanId, true);
    if (existing) return { scan: existing, created: false };
  }
  try {
    await deps.queue.send({ tenantId, scanId });
  } catch (error) {
    // Accepted all the same: the sweeper re-sends scans left queued.
    deps.log.warn({ err: error, scanId }, 'queue send failed; the sweeper will re-enqueue the scan');
  }
  return { scan, created: true };
}
