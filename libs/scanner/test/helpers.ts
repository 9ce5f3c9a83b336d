import type { DetectorId, Finding } from '@platform/shared';
import { scanDocument } from '../src';

/** Findings of one detector only (the others are not run). */
export function scanWith(detector: DetectorId, text: string): Finding[] {
  return scanDocument(text, { framework: 'gdpr', detectors: [detector] });
}

/** The finding's text, cut by its UTF-8 byte offsets, as a consumer holding the document would. */
export function textAt(text: string, finding: Finding): string {
  return Buffer.from(text, 'utf8').subarray(finding.location.startByte, finding.location.endByte).toString('utf8');
}

/** The raw sensitive value must never appear anywhere in the serialized findings. */
export function expectNotLeaked(findings: Finding[], ...raw: string[]): void {
  const json = JSON.stringify(findings);
  for (const value of raw) expect(json.includes(value)).toBe(false);
}
