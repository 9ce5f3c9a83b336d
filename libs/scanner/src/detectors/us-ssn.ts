import { redactKeepingLast } from '../redaction/redact';
import { textBefore } from './context';
import type { Candidate, Detector } from './detector';

// AAA-GG-SSSS with dashes or spaces (the same separator twice). Nine bare digits are left alone:
// without separators they are indistinguishable from any other 9-digit number.
const PATTERN = /(?<![\w.-])([0-9]{3})([- ])([0-9]{2})\2([0-9]{4})(?![\w]|[.-][0-9])/g;

/**
 * Numbers that were never valid or are known to be public: Woolworth's wallet-card number
 * (078-05-1120), the 1940 Social Security Board pamphlet (219-09-9999), and the
 * 123-45-6789 everyone uses as a sample.
 */
const PUBLICISED = new Set(['078051120', '219099999', '123456789']);
const SSN_CONTEXT = /ssn|social\s*security|soc\.?\s*sec|tax\s*id|tin\b/i;

export function ssnValid(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  return !PUBLICISED.has(area + group + serial);
}

export const usSsn: Detector = {
  id: 'us-ssn',
  category: 'personal-data',
  severity: 'critical',
  description: 'US Social Security number (AAA-GG-SSSS) outside the never-issued ranges',
  supersedes: ['phone-number'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const [value, area, separator, group, serial] = m;
      if (!ssnValid(area, group, serial)) continue;
      const context = SSN_CONTEXT.test(textBefore(text, m.index, 40));
      // Space-separated digit groups are everywhere (tables, page refs); only take them when named.
      if (separator === ' ' && !context) continue;
      out.push({
        start: m.index,
        end: m.index + value.length,
        // The shape alone also fits part numbers and reference codes; a nearby "SSN" settles it.
        confidence: context ? 0.95 : 0.6,
        redacted: redactKeepingLast(value, 4),
      });
    }
    return out;
  },
};
