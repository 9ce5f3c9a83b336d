import type { DetectorId } from '@platform/shared';
import type { Candidate } from '../detectors/detector';

export interface DetectedCandidate extends Candidate {
  detectorId: DetectorId;
}

/**
 * Drops a candidate when it overlaps one from a detector that supersedes its detector
 * (`aws-access-key-id` supersedes `high-entropy-secret`), so one secret is reported once, by the
 * detector that knows its format. Candidates are swept by start with the set of still-open ones.
 */
export function resolveOverlaps(
  candidates: DetectedCandidate[],
  supersedes: (winner: DetectorId, loser: DetectorId) => boolean,
): DetectedCandidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const dropped = new Set<DetectedCandidate>();
  let open: DetectedCandidate[] = [];
  for (const current of sorted) {
    open = open.filter((c) => c.end > current.start);
    for (const other of open) {
      if (supersedes(other.detectorId, current.detectorId)) dropped.add(current);
      if (supersedes(current.detectorId, other.detectorId)) dropped.add(other);
    }
    open.push(current);
  }
  return sorted.filter((c) => !dropped.has(c));
}
