import type { Scan } from '@platform/shared';
import type { ScanView } from '../schemas/scan';

export function scanLinks(scanId: string) {
  const self = `/v1/scans/${scanId}`;
  return { self, findings: `${self}/findings`, report: `${self}/report`, events: `${self}/events` };
}

/** The public shape of a scan: no tenant id, no internal bookkeeping. */
export function toScanView(scan: Scan): ScanView {
  const durationMs =
    scan.startedAt && scan.finishedAt ? Math.max(0, Date.parse(scan.finishedAt) - Date.parse(scan.startedAt)) : undefined;
  return {
    id: scan.scanId,
    status: scan.status,
    framework: scan.framework,
    detectors: scan.detectors,
    sizeBytes: scan.sizeBytes,
    contentSha256: scan.contentSha256,
    attempts: scan.attempts,
    createdAt: scan.createdAt,
    updatedAt: scan.updatedAt,
    startedAt: scan.startedAt,
    finishedAt: scan.finishedAt,
    durationMs,
    reason: scan.reason,
    summary: scan.summary,
    links: scanLinks(scan.scanId),
  };
}
