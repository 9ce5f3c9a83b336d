import { ScanRepository, createAwsClients, loadApiConfig } from '@platform/shared';
import type { Backend } from './services';

/**
 * Moves queued scans to `succeeded` the way the worker does (ScanRepository.claim, then succeed
 * with the summary of a real scan of the scan's own document), against the bench's embedded DynamoDB. Cheaper
 * than starting the worker bundle and waiting on the queue; the stored item is the same shape.
 * Throws if any scan is not claimable or the conditional update refuses it.
 */
export async function finishScans(backend: Backend, tenantId: string, scans: ReadonlyArray<{ scanId: string; content: string }>): Promise<void> {
  // Loaded lazily, as the scanner bench does (the workspace's module-boundary rule for this library).
  const { scanDocument, summarize } = await import('@platform/scanner');
  const clients = createAwsClients(loadApiConfig(backend.env).aws);
  const repository = new ScanRepository(clients.dynamo, String(backend.env.TABLE_PREFIX));
  try {
    for (const { scanId, content } of scans) {
      const claimed = await repository.claim(tenantId, scanId, new Date().toISOString());
      if (!claimed) throw new Error(`scan ${scanId} could not be claimed (not queued?)`);
      const summary = summarize(scanDocument(content, { framework: 'gdpr' }));
      const succeeded = await repository.succeed(tenantId, scanId, claimed.attempts, summary, new Date().toISOString());
      if (!succeeded) throw new Error(`scan ${scanId} could not be marked succeeded`);
    }
  } finally {
    clients.destroy();
  }
}
