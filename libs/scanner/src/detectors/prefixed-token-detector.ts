import type { DetectorId, Severity } from '@platform/shared';
import { redactKeepingPrefix } from '../redaction/redact';
import { looksLikeExample } from '../validation/placeholders';
import type { Candidate, Detector } from './detector';

export interface PrefixedTokenDetectorOptions {
  readonly id: DetectorId;
  /** Severity of a real token; documentation examples are reported as "low". */
  readonly severity: Severity;
  readonly description: string;
  /** Global regex matching the whole token, starting with its vendor prefix. */
  readonly pattern: RegExp;
  /** Characters of the prefix kept in the redacted excerpt (e.g. 4 for `AKIA`). */
  readonly keepPrefix: number;
  /** Extra check on a match the pattern alone cannot express; a rejected match is not reported. */
  readonly accept?: (value: string) => boolean;
}

/**
 * A vendor token recognised by a literal prefix and a fixed shape: the shape is distinctive enough
 * for confidence 0.9, and a match that looks like a documentation example stays visible at 0.1
 * with severity "low". Replaces the generic detectors on the same span.
 */
export function prefixedTokenDetector(options: PrefixedTokenDetectorOptions): Detector {
  const { pattern, keepPrefix, accept } = options;
  return {
    id: options.id,
    category: 'secret',
    severity: options.severity,
    description: options.description,
    supersedes: ['high-entropy-secret', 'generic-secret-assignment'],
    find(text) {
      const out: Candidate[] = [];
      for (const m of text.matchAll(pattern)) {
        const value = m[0];
        if (accept && !accept(value)) continue;
        const example = looksLikeExample(value);
        out.push({
          start: m.index,
          end: m.index + value.length,
          confidence: example ? 0.1 : 0.9,
          severity: example ? 'low' : undefined,
          redacted: redactKeepingPrefix(value, keepPrefix),
        });
      }
      return out;
    },
  };
}
