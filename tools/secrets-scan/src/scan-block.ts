import type { DetectorId, Finding, Severity } from '@platform/shared';
import { DETECTORS, scanDocument } from '@platform/scanner';
import type { AddedBlock } from './added-lines';

/** What the tool reports: where, which detector, and the scanner's redacted excerpt (never the raw value). */
export interface SecretFinding {
  readonly commit?: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly detectorId: DetectorId;
  readonly category: Finding['category'];
  readonly severity: Severity;
  readonly confidence: number;
  readonly redacted: string;
}

export interface DetectorSelection {
  /** Also run the personal-data detectors (emails, phone numbers, cards, ...). */
  readonly pii: boolean;
  /** Findings below this confidence are dropped: documentation keys such as `…EXAMPLE` score 0.1. */
  readonly minConfidence: number;
}

/** The secret detectors, or every detector with `pii`. */
export function detectorIds(selection: Pick<DetectorSelection, 'pii'>): DetectorId[] {
  return (Object.keys(DETECTORS) as DetectorId[]).filter((id) => selection.pii || DETECTORS[id].category === 'secret');
}

/**
 * Scans one block as a document (so a private key spread over consecutive added lines is seen
 * whole) and maps each finding back to its line and column in the file.
 */
export function scanBlock(block: AddedBlock, selection: DetectorSelection): SecretFinding[] {
  const text = block.lines.join('\n');
  const findings = scanDocument(text, { framework: 'gdpr', detectors: detectorIds(selection) });
  if (findings.length === 0) return [];
  const lineStarts = lineStartBytes(block.lines);
  const bytes = Buffer.from(text, 'utf8');
  return findings
    .filter((f) => f.confidence >= selection.minConfidence)
    .map((f) => {
      // From byte offsets, not the scanner's line numbers: a lone \r inside a line would count as a break there.
      const index = lastIndexAtOrBelow(lineStarts, f.location.startByte);
      const column = [...bytes.subarray(lineStarts[index], f.location.startByte).toString('utf8')].length + 1;
      return {
        ...(block.commit ? { commit: block.commit } : {}),
        file: block.file,
        line: block.startLine + index,
        column,
        detectorId: f.detectorId,
        category: f.category,
        severity: f.severity,
        confidence: f.confidence,
        redacted: f.redacted,
      };
    });
}

function lineStartBytes(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += Buffer.byteLength(line, 'utf8') + 1;
  }
  return starts;
}

function lastIndexAtOrBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
