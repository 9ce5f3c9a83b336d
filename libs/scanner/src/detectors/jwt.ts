import { redactKeepingPrefix } from '../redaction/redact';
import { decodeBase64UrlJsonObject } from '../validation/base64url';
import type { Candidate, Detector } from './detector';

// header.payload.signature, each base64url; a JSON object encodes to "ey...". The lookbehind makes
// a match start only where a base64url run starts, so a long run is walked once, not once per
// character; every part has an upper bound.
const PATTERN =
  /(?<![A-Za-z0-9_-])ey[A-Za-z0-9_-]{10,2000}\.ey[A-Za-z0-9_-]{2,16000}\.[A-Za-z0-9_-]{0,1400}(?![A-Za-z0-9_-])/g;

export const jwt: Detector = {
  id: 'jwt',
  category: 'secret',
  severity: 'high',
  description: 'JSON Web Token whose header decodes to JSON with an "alg"',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const value = m[0];
      const [headerPart, payloadPart, signature] = value.split('.');
      const header = decodeBase64UrlJsonObject(headerPart);
      if (!header || typeof header.alg !== 'string') continue;
      const payload = decodeBase64UrlJsonObject(payloadPart);
      const unsigned = header.alg.toLowerCase() === 'none' || signature.length === 0;
      out.push({
        start: m.index,
        end: m.index + value.length,
        confidence: payload ? 0.95 : 0.6,
        // An unsigned token cannot be replayed against a server that checks signatures.
        severity: unsigned ? 'medium' : undefined,
        redacted: redactKeepingPrefix(value, 3),
      });
    }
    return out;
  },
};
