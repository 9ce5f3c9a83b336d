/** Longest run of `*` a redaction emits, so a redacted excerpt does not reveal a long secret's exact length. */
export const MAX_MASK_LENGTH = 24;
/** Shortest run of `*`, so short values do not reveal their length either. */
export const MIN_MASK_LENGTH = 4;

/** A run of `*` standing for `length` hidden characters (clamped to 4..24). */
export function mask(length: number): string {
  return '*'.repeat(Math.min(MAX_MASK_LENGTH, Math.max(MIN_MASK_LENGTH, length)));
}

/** Keeps a known, non-secret prefix (e.g. `AKIA`, `ghp_`) and masks the rest. */
export function redactKeepingPrefix(value: string, prefixLength: number): string {
  const prefix = value.slice(0, Math.min(prefixLength, Math.floor(value.length / 2)));
  return prefix + mask(value.length - prefix.length);
}

const isAlnum = (ch: string): boolean => /^[A-Za-z0-9]$/.test(ch);

/**
 * Masks every letter and digit except the first `keepFirst` and the last `keepLast` ones, keeping
 * separators so the shape stays readable: `4111 1111 1111 1111` -> `**** **** **** 1111`,
 * an IBAN keeps its country code: `GB** **** **** **** **54 32`.
 */
export function redactKeepingEnds(value: string, keepFirst: number, keepLast: number): string {
  const chars = Array.from(value);
  const total = chars.filter(isAlnum).length;
  // Never reveal more than half of the value, whatever the caller asks for.
  const budget = Math.floor(total / 2);
  const first = Math.min(keepFirst, budget);
  const last = Math.min(keepLast, budget - first);
  let seen = 0;
  return chars
    .map((ch) => {
      if (!isAlnum(ch)) return ch;
      seen++;
      return seen <= first || seen > total - last ? ch : '*';
    })
    .join('');
}

/** `redactKeepingEnds(value, 0, keep)`. */
export function redactKeepingLast(value: string, keep: number): string {
  return redactKeepingEnds(value, 0, keep);
}

/** `jane.doe@example.com` -> `j***@example.com`: the domain stays, the mailbox does not. */
export function redactEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return mask(email.length);
  return `${email[0]}***${email.slice(at)}`;
}
