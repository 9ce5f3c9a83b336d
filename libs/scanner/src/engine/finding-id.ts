import { createHash } from 'node:crypto';
import type { DetectorId } from '@platform/shared';

/** Digits of the zero-padded start offset: enough for a 10 GB document. */
const OFFSET_DIGITS = 10;

/**
 * Deterministic id of a finding: `<zero-padded start byte>-<16 hex of sha256(detector:start:end)>`.
 * The same text scanned with the same options gives the same ids (idempotent writes), ids sort by
 * position, and nothing of the matched value goes into the hash.
 */
export function findingId(detectorId: DetectorId, startByte: number, endByte: number): string {
  const digest = createHash('sha256').update(`${detectorId}:${startByte}:${endByte}`).digest('hex');
  return `${String(startByte).padStart(OFFSET_DIGITS, '0')}-${digest.slice(0, 16)}`;
}
