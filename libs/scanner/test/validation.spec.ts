import { ibanChecksumValid, luhnValid, redact, shannonEntropy } from '../src';
import { base62Decode, base62Encode } from '../src/validation/base62';
import { crc32 } from '../src/validation/crc32';
import { isPlaceholder } from '../src/validation/placeholders';

describe('validation', () => {
  it('luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('7992a398713')).toBe(false);
  });

  it('IBAN mod-97 (ISO 13616 examples)', () => {
    expect(ibanChecksumValid('GB82WEST12345698765432')).toBe(true);
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true);
    expect(ibanChecksumValid('GB83WEST12345698765432')).toBe(false);
    expect(ibanChecksumValid('GB82west12345698765432')).toBe(false);
  });

  it('crc32 matches the standard check value', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it('base62 round-trips and pads', () => {
    expect(base62Encode(0, 6)).toBe('000000');
    expect(base62Decode(base62Encode(0xcbf43926, 6))).toBe(0xcbf43926);
    expect(base62Decode('a!')).toBeNaN();
  });

  it('Shannon entropy', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
  });

  it('placeholders', () => {
    for (const v of ['', 'changeme', '${X}', '$X', '{{ x }}', '<your-key>', 'xxxx', '****', 'your_password', 'insert-token-here']) {
      expect(isPlaceholder(v)).toBe(true);
    }
    expect(isPlaceholder('q8Zr2wPxL0')).toBe(false);
  });
});

describe('redaction helpers', () => {
  it('masks with a clamped number of stars so short and long values do not reveal their length', () => {
    expect(redact.mask(1)).toBe('****');
    expect(redact.mask(500)).toHaveLength(24);
  });

  it('never keeps more than half of a value', () => {
    expect(redact.redactKeepingPrefix('abcdef', 4)).toBe('abc****');
    expect(redact.redactKeepingLast('1234', 4)).toBe('**34');
  });

  it('keeps separators and the requested ends', () => {
    expect(redact.redactKeepingLast('4111-1111-1111-1111', 4)).toBe('****-****-****-1111');
    expect(redact.redactKeepingEnds('GB82 WEST 1234 5698 7654 32', 2, 4)).toBe('GB** **** **** **** **54 32');
    expect(redact.redactEmail('jane.doe@example.com')).toBe('j***@example.com');
  });
});
