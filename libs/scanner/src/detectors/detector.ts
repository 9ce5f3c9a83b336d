import type { DetectorId, FindingCategory, Severity } from '@platform/shared';

/**
 * A match a detector reports, before the engine turns it into a `Finding`.
 * Offsets are UTF-16 indices into the scanned string (what JavaScript regexes return);
 * the engine converts them to lines, code-point columns and UTF-8 byte offsets in one pass.
 */
export interface Candidate {
  /** UTF-16 index of the first character, inclusive. */
  start: number;
  /** UTF-16 index after the last character, exclusive. */
  end: number;
  /** 0..1: how sure the detector is that this is a real secret or personal datum. */
  confidence: number;
  /** Overrides the detector's default severity (e.g. private IP ranges, Stripe test keys). */
  severity?: Severity;
  /** The match with its sensitive part masked. Never the raw value. */
  redacted: string;
}

export interface Detector {
  readonly id: DetectorId;
  readonly category: FindingCategory;
  /** Severity of a typical, confident match. */
  readonly severity: Severity;
  /** One line for docs and reports: what the detector looks for. */
  readonly description: string;
  /**
   * Less specific detectors whose overlapping findings this detector replaces, so one
   * secret is reported once, by the detector that knows its format best.
   */
  readonly supersedes?: readonly DetectorId[];
  /**
   * Finds every match in `text`. Must run in time linear in `text.length`: regexes anchored on a
   * literal prefix or a token boundary with bounded repetitions only, or hand-written scans.
   */
  find(text: string): Candidate[];
}
