export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Decodes a base62 string (0-9A-Za-z) to a number; NaN if a character is outside the alphabet. */
export function base62Decode(value: string): number {
  let result = 0;
  for (const ch of value) {
    const digit = BASE62_ALPHABET.indexOf(ch);
    if (digit < 0) return Number.NaN;
    result = result * 62 + digit;
  }
  return result;
}

/** Encodes a non-negative integer in base62, left-padded with '0' to `width`. */
export function base62Encode(value: number, width: number): string {
  let out = '';
  let rest = value;
  do {
    out = BASE62_ALPHABET[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
}
