import type { DetectorId, Finding } from '@platform/shared';
import { DETECTORS } from '../detectors';
import { mappingsFor } from '../mappings/framework-mappings';
import { mask } from '../redaction/redact';
import { findingId } from './finding-id';
import { locate, type Position } from './locate';
import { resolveDetectorIds, type ScanOptions } from './options';
import { type DetectedCandidate, resolveOverlaps } from './overlaps';

/** Matches shorter than this may legitimately reappear in a redaction (a 4-character prefix). */
const MIN_GUARDED_LENGTH = 8;

/**
 * Runs the selected detectors over `text` and returns findings sorted by start byte, then detector id.
 * Throws `ScannerOptionsError` for bad options; never includes document content in an error.
 */
export function scanDocument(text: string, options: ScanOptions): Finding[] {
  const ids = resolveDetectorIds(text, options);
  const candidates: DetectedCandidate[] = [];
  for (const id of ids) {
    for (const candidate of DETECTORS[id].find(text)) candidates.push({ ...candidate, detectorId: id });
  }
  const kept = resolveOverlaps(candidates, supersedes);
  const positions = locate(
    text,
    kept.flatMap((c) => [c.start, c.end]),
  );
  const findings = kept.map((c): Finding => {
    const detector = DETECTORS[c.detectorId];
    const start = positionOf(positions, c.start);
    const end = positionOf(positions, c.end);
    const endByte = end.byte;
    return {
      findingId: findingId(c.detectorId, start.byte, endByte),
      detectorId: c.detectorId,
      category: detector.category,
      severity: c.severity ?? detector.severity,
      confidence: Math.round(Math.min(1, Math.max(0, c.confidence)) * 100) / 100,
      location: {
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        utf16Column: start.utf16Column,
        utf16EndColumn: end.utf16Column,
        startByte: start.byte,
        endByte,
      },
      redacted: guardRedaction(text.slice(c.start, c.end), c.redacted),
      mappings: mappingsFor(c.detectorId, options.framework),
    };
  });
  return findings.sort(
    (a, b) => a.location.startByte - b.location.startByte || a.detectorId.localeCompare(b.detectorId),
  );
}

function positionOf(positions: Map<number, Position>, index: number): Position {
  const position = positions.get(index);
  if (!position) throw new Error(`internal: no position computed for index ${index}`);
  return position;
}

function supersedes(winner: DetectorId, loser: DetectorId): boolean {
  return DETECTORS[winner].supersedes?.includes(loser) ?? false;
}

/** Last line of defence: a redaction that still contains the raw match is replaced by a plain mask. */
function guardRedaction(raw: string, redacted: string): string {
  return raw.length >= MIN_GUARDED_LENGTH && redacted.includes(raw) ? mask(raw.length) : redacted;
}
