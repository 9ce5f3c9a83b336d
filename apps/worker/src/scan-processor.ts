import { createHash } from 'node:crypto';
import type { DocumentRepository, Finding, FindingRepository, Scan, ScanRepository } from '@platform/shared';
import { scanDocument, summarize, ScannerOptionsError } from '@platform/scanner';
import { DetectorError, ScanInputError } from './errors';
import { isTransient } from './failure-policy';
import { ScanStopped, type ScanLease } from './scan-lease';

export type ScanFunction = typeof scanDocument;

export interface ScanProcessorDeps {
  scans: ScanRepository;
  documents: DocumentRepository;
  findings: FindingRepository;
  findingsWriteSliceSize: number;
  /** The scanner. @default scanDocument of @platform/scanner */
  scan?: ScanFunction;
}

/**
 * One attempt at a claimed scan: load the document, scan it, write the findings (checking the
 * scan's status between slices), mark the scan succeeded for this attempt. Throws ScanStopped when the lease says stop, ScanInputError /
 * DetectorError for input that cannot be scanned, anything else for infrastructure failures.
 */
export class ScanProcessor {
  constructor(private readonly deps: ScanProcessorDeps) {}

  async process(scan: Scan, messageId: string, lease: ScanLease): Promise<{ findings: number }> {
    const text = await this.loadDocument(scan, messageId);
    lease.signal.throwIfAborted();

    let findings: Finding[];
    try {
      findings = (this.deps.scan ?? scanDocument)(text, { framework: scan.framework, detectors: scan.detectors?.length ? scan.detectors : undefined });
    } catch (error) {
      if (error instanceof ScannerOptionsError) {
        throw new ScanInputError(`invalid scan options: ${error.message}`, messageId, scan.scanId, { cause: error });
      }
      throw new DetectorError(messageId, scan.scanId, error);
    }

    // Scanning is synchronous: renew (and learn of a cancel) before the writes start.
    await lease.check();
    // While writing, the lease reads the scan's status every 250 ms and aborts the signal on a
    // cancel; the writes stop at their next BatchWriteItem, so within about a second of the cancel.
    lease.watchStatus();
    for (let i = 0; i < findings.length; i += this.deps.findingsWriteSliceSize) {
      await lease.checkStatus();
      await this.deps.findings.putAll(scan.scanId, findings.slice(i, i + this.deps.findingsWriteSliceSize), lease.signal);
    }
    lease.signal.throwIfAborted();

    const succeeded = await this.deps.scans.succeed(scan.tenantId, scan.scanId, scan.attempts, summarize(findings), new Date().toISOString());
    if (!succeeded) {
      const current = await this.deps.scans.get(scan.tenantId, scan.scanId, true);
      throw new ScanStopped(current?.status === 'cancelled' ? 'cancelled' : 'lost');
    }
    return { findings: findings.length };
  }

  private async loadDocument(scan: Scan, messageId: string): Promise<string> {
    let text: string | undefined;
    try {
      text = await this.deps.documents.get(scan.scanId);
    } catch (error) {
      if (isTransient(error)) throw error;
      // e.g. gunzip of a damaged chunk.
      throw new ScanInputError('document is corrupt', messageId, scan.scanId, { cause: error });
    }
    if (text === undefined) throw new ScanInputError('document is missing or incomplete', messageId, scan.scanId);
    if (/^[0-9a-f]{64}$/.test(scan.contentSha256) && createHash('sha256').update(text, 'utf8').digest('hex') !== scan.contentSha256) {
      throw new ScanInputError('document does not match its checksum', messageId, scan.scanId);
    }
    return text;
  }
}
