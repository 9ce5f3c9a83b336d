import { redactKeepingPrefix } from '../redaction/redact';
import { shannonEntropy } from '../validation/entropy';
import { looksLikeExample } from '../validation/placeholders';
import { textBefore } from './context';
import type { Candidate, Detector } from './detector';
import { CREDENTIAL_CONTEXT, NON_SECRET_KEY } from './secret-names';

const MIN_LENGTH = 20;
const MAX_LENGTH = 256;
/** Bits per character. Random base62/base64 of 20+ characters scores ~4.1 and up; words and identifiers ~3-3.7. */
export const BASE64_ENTROPY_THRESHOLD = 3.8;
/** Hex has only 16 symbols (max 4 bits); random hex of 32+ characters scores ~3.6 and up. */
export const HEX_ENTROPY_THRESHOLD = 3.3;

// A token starts only where a token-character run starts (lookbehind), and its length is bounded,
// so each run is walked a bounded number of times.
const TOKEN = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{20,256}={0,2}(?![A-Za-z0-9+/=_-])/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
/** Subresource-integrity / lockfile digests: sha512-<base64>. */
const SRI = /^(?:sha1|sha256|sha384|sha512|md5)[-_]/i;
/** Headers of base64-encoded images and archives (PNG, JPEG, GIF, WebP, PDF, gzip, zip). */
const BINARY_BASE64 = /^(?:iVBORw0KGgo|\/9j\/|R0lGOD|UklGR|JVBERi0|H4sI|UEsDB)/;
/** Context words that mark a digest rather than a credential. */
const DIGEST_CONTEXT = /sha|hash|digest|checksum|integrity|commit|revision|etag|fingerprint|nonce/i;

export const highEntropySecret: Detector = {
  id: 'high-entropy-secret',
  category: 'secret',
  severity: 'medium',
  description: 'High-entropy string (Shannon entropy) within a line of a secret-like name',
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(TOKEN)) {
      const value = m[0];
      if (value.length < MIN_LENGTH || value.length > MAX_LENGTH + 2) continue;
      const before = textBefore(text, m.index, 48);
      const names = before.match(CREDENTIAL_CONTEXT);
      if (!names) continue;
      // The name closest to the value decides: `token_url = "..."` is not a secret.
      const nameStart = before.toLowerCase().lastIndexOf(names[names.length - 1].toLowerCase());
      const keyTail = before.slice(nameStart).match(/^[A-Za-z0-9_.-]*/)?.[0] ?? '';
      if (NON_SECRET_KEY.test(keyTail)) continue;
      if (!looksRandom(value, before)) continue;
      const entropy = shannonEntropy(value);
      out.push({
        start: m.index,
        end: m.index + value.length,
        confidence: looksLikeExample(value) ? 0.1 : Math.min(0.85, 0.4 + (entropy - 3.3) / 2),
        redacted: redactKeepingPrefix(value, 0),
      });
    }
    return out;
  },
};

/** Rejects the random-looking strings that are not credentials: UUIDs, digests, images, paths, words. */
function looksRandom(value: string, before: string): boolean {
  if (UUID.test(value) || SRI.test(value) || BINARY_BASE64.test(value)) return false;
  if (/;base64,$|data:[^,]{0,40}$/.test(before)) return false;
  if (HEX.test(value)) {
    // 40 hex = git SHA-1; digests are announced by their context (sha, hash, commit, integrity...).
    if (value.length === 40 || DIGEST_CONTEXT.test(before)) return false;
    return /[0-9]/.test(value) && /[a-f]/i.test(value) && shannonEntropy(value) >= HEX_ENTROPY_THRESHOLD;
  }
  if (DIGEST_CONTEXT.test(before)) return false;
  // Paths and dotted/dashed identifiers: mostly letters split by one kind of separator.
  if (/^[A-Za-z/._-]+$/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(value)).length;
  if (classes < 3) return false;
  return shannonEntropy(value) >= BASE64_ENTROPY_THRESHOLD;
}
