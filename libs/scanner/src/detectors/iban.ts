import { redactKeepingEnds } from '../redaction/redact';
import { ibanChecksumValid } from '../validation/mod97';
import type { Candidate, Detector } from './detector';
import { IBAN_LENGTHS } from './iban-lengths';

// Country code, check digits, then up to 30 characters, optionally grouped by single spaces
// (printed form: GB82 WEST 1234 5698 7654 32). Each repetition consumes exactly one character.
const PATTERN = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}/g;

export const iban: Detector = {
  id: 'iban',
  category: 'personal-data',
  severity: 'high',
  description: 'IBAN with a valid country length and ISO 13616 mod-97 checksum',
  supersedes: ['phone-number', 'payment-card', 'high-entropy-secret'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const expected = IBAN_LENGTHS[m[0].slice(0, 2)];
      if (!expected) continue;
      // The greedy match may run into a following word ("... 7654 32 AND"): cut it at the
      // country's length, and require the cut to fall on a boundary.
      const end = cutAfterCharacters(m[0], expected);
      if (end === undefined) continue;
      const value = m[0].slice(0, end);
      const next = text[m.index + end];
      if (next !== undefined && /[A-Za-z0-9]/.test(next)) continue;
      const compact = value.replace(/ /g, '');
      if (!ibanChecksumValid(compact)) continue;
      out.push({
        start: m.index,
        end: m.index + end,
        confidence: 0.95,
        redacted: redactKeepingEnds(value, 2, 4),
      });
    }
    return out;
  },
};

/** Index just after the `count`-th non-space character, or undefined if there are fewer. */
function cutAfterCharacters(value: string, count: number): number | undefined {
  let seen = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== ' ') seen++;
    if (seen === count) return i + 1;
  }
  return undefined;
}
