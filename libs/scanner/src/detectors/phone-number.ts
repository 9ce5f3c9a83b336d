import { redactKeepingLast } from '../redaction/redact';
import { textBefore } from './context';
import type { Candidate, Detector } from './detector';

// Each form has mandatory separators between digit groups, so a string splits into groups in one
// way only (no backtracking across splits), and every repetition is bounded. Lookbehinds stop a
// match from starting inside a longer number, word, version or date.
const FORMS: readonly { name: string; pattern: RegExp; confidence: number }[] = [
  // +44 20 7946 0958, +1 (555) 123-4567, +33 6 12 34 56 78
  {
    name: 'international',
    pattern: /(?<![\w+.-])\+[1-9][0-9]{0,2}(?:[ -]\(?[0-9]{1,8}\)?){1,6}(?![\w-]|\.[0-9])/g,
    confidence: 0.85,
  },
  // +14155552671
  { name: 'e164', pattern: /(?<![\w+.-])\+[1-9][0-9]{7,14}(?![\w.-])/g, confidence: 0.8 },
  // (555) 123-4567, 555-123-4567, 555.123.4567
  {
    name: 'north-american',
    pattern: /(?<![\w+.(-])(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}([-. ]))[0-9]{3}[-. ][0-9]{4}(?![\w-]|\.[0-9])/g,
    confidence: 0.7,
  },
  // 020 7946 0958, 07700 900123, 030-1234-5678 (trunk prefix 0)
  {
    name: 'national',
    pattern: /(?<![\w+.(-])0[1-9][0-9]{1,3}[ -][0-9]{3,8}(?:[ -][0-9]{3,4})?(?![\w-]|\.[0-9])/g,
    confidence: 0.6,
  },
];

/** Words that introduce numbers that are not phone numbers. */
const NOT_A_PHONE_CONTEXT = /(?:version|ver\.?|v|build|order|invoice|id|no\.?|#|serial|ref|account|iban|card|ssn)\s*[:#]?\s*$/i;
const PHONE_CONTEXT = /(?:phone|tel|mobile|cell|call|fax|whatsapp|contact)/i;

export const phoneNumber: Detector = {
  id: 'phone-number',
  category: 'personal-data',
  severity: 'medium',
  description: 'Phone number: E.164 (+...), international with spaces, North American, national with trunk 0',
  find(text) {
    const found: Candidate[] = [];
    for (const form of FORMS) {
      for (const m of text.matchAll(form.pattern)) {
        const value = m[0];
        if (!plausible(value, form.name)) continue;
        const before = textBefore(text, m.index, 32);
        if (NOT_A_PHONE_CONTEXT.test(before)) continue;
        const boost = PHONE_CONTEXT.test(before) ? 0.1 : 0;
        found.push({
          start: m.index,
          end: m.index + value.length,
          confidence: Math.min(0.95, form.confidence + boost),
          redacted: redactKeepingLast(value, 2),
        });
      }
    }
    return keepOutermost(found);
  },
};

function plausible(value: string, form: string): boolean {
  const digits = value.replace(/[^0-9]/g, '');
  // One digit repeated (000-000-0000) or a counting run is filler, not a number.
  if (/^(\d)\1+$/.test(digits) || '01234567890123456789'.includes(digits)) return false;
  if ((value.match(/\(/g)?.length ?? 0) !== (value.match(/\)/g)?.length ?? 0)) return false;
  if (form === 'international' || form === 'e164') return digits.length >= 8 && digits.length <= 15;
  if (form === 'north-american') return digits.length === 10;
  return digits.length >= 10 && digits.length <= 11;
}

/** Forms overlap (+1 (555) 123-4567 also contains (555) 123-4567): keep the longest match. */
function keepOutermost(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && c.start < last.end) continue;
    out.push(c);
  }
  return out;
}
