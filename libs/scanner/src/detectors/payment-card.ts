import { redactKeepingLast } from '../redaction/redact';
import { luhnValid } from '../validation/luhn';
import type { Candidate, Detector } from './detector';

// 13-19 digits, optionally separated by single spaces or dashes. Each repetition consumes exactly
// one digit (with an optional separator before it), so there is one way to read a run; it starts
// only where a digit run starts (lookbehind) and is bounded.
const PATTERN = /(?<![\w.-])[0-9](?:[ -]?[0-9]){12,18}(?![\w]|[.-][0-9])/g;

interface Brand {
  name: string;
  lengths: readonly number[];
  matches: (digits: string) => boolean;
}

const prefix = (digits: string, n: number): number => Number(digits.slice(0, n));

/** Issuer identification number ranges of the card networks we recognise. */
export const CARD_BRANDS: readonly Brand[] = [
  { name: 'visa', lengths: [13, 16, 19], matches: (d) => d.startsWith('4') },
  {
    name: 'mastercard',
    lengths: [16],
    matches: (d) => (prefix(d, 2) >= 51 && prefix(d, 2) <= 55) || (prefix(d, 4) >= 2221 && prefix(d, 4) <= 2720),
  },
  { name: 'amex', lengths: [15], matches: (d) => /^3[47]/.test(d) },
  {
    name: 'discover',
    lengths: [16, 17, 18, 19],
    matches: (d) =>
      d.startsWith('6011') ||
      d.startsWith('65') ||
      (prefix(d, 3) >= 644 && prefix(d, 3) <= 649) ||
      (prefix(d, 6) >= 622126 && prefix(d, 6) <= 622925),
  },
  { name: 'jcb', lengths: [16, 17, 18, 19], matches: (d) => prefix(d, 4) >= 3528 && prefix(d, 4) <= 3589 },
  {
    name: 'diners',
    lengths: [14, 15, 16, 17, 18, 19],
    matches: (d) => (prefix(d, 3) >= 300 && prefix(d, 3) <= 305) || /^3[689]/.test(d),
  },
];

/** Numbers the card networks publish for testing; they are in every payment SDK's docs. */
const TEST_PANS = new Set([
  '4111111111111111',
  '4242424242424242',
  '4012888888881881',
  '4000056655665556',
  '5555555555554444',
  '5105105105105100',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '3530111333300000',
  '3566002020360505',
  '30569309025904',
  '38520000023237',
]);

export function cardBrand(digits: string): string | undefined {
  return CARD_BRANDS.find((b) => b.lengths.includes(digits.length) && b.matches(digits))?.name;
}

export const paymentCard: Detector = {
  id: 'payment-card',
  category: 'personal-data',
  severity: 'high',
  description: 'Payment card number (Visa, Mastercard, Amex, Discover, JCB, Diners) passing the Luhn check',
  supersedes: ['phone-number'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const value = m[0];
      if (!consistentGrouping(value)) continue;
      const digits = value.replace(/[ -]/g, '');
      if (/^(\d)\1+$/.test(digits) || !cardBrand(digits) || !luhnValid(digits)) continue;
      const testCard = TEST_PANS.has(digits);
      out.push({
        start: m.index,
        end: m.index + value.length,
        // Published test numbers are reported, but they cannot charge anyone.
        confidence: testCard ? 0.3 : value.length === digits.length ? 0.8 : 0.9,
        severity: testCard ? 'low' : undefined,
        redacted: redactKeepingLast(value, 4),
      });
    }
    return out;
  },
};

/** Separators, if any, are all the same and split the number into groups of 3-6 digits (4-4-4-4, 4-6-5). */
function consistentGrouping(value: string): boolean {
  const separators = new Set(value.replace(/[0-9]/g, ''));
  if (separators.size === 0) return true;
  if (separators.size > 1) return false;
  const groups = value.split(/[ -]/);
  return groups.every((g) => g.length >= 3 && g.length <= 6);
}
