import { mask } from '../redaction/redact';
import type { Candidate, Detector } from './detector';

const HEADER = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;
/** Longest body we look through for the END line; real keys (RSA 16384, PGP with subkeys) fit. */
const MAX_BODY = 64 * 1024;
/** Fewer base64 characters than this between BEGIN and END is a placeholder ("..."), not a key. */
const MIN_KEY_BODY = 64;

export const privateKey: Detector = {
  id: 'private-key',
  category: 'secret',
  severity: 'critical',
  description: 'PEM/OpenSSH/PGP private key block (RSA, EC, DSA, OPENSSH, PGP, ENCRYPTED)',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment', 'jwt'],
  find(text) {
    const out: Candidate[] = [];
    // Where the next END line of each label is, or -1 once we know there is none further on.
    // Remembering it keeps many BEGIN lines without an END from rescanning the rest of the text.
    const nextEnd = new Map<string, number>();
    HEADER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HEADER.exec(text)) !== null) {
      const label = m[1];
      const headerEnd = m.index + m[0].length;
      const footer = `-----END ${label}-----`;
      let end = nextEnd.get(label);
      if (end === undefined || (end !== -1 && end < headerEnd)) {
        end = text.indexOf(footer, headerEnd);
        nextEnd.set(label, end);
      }
      const header = m[0];
      if (end === -1 || end - headerEnd > MAX_BODY) {
        // A header without its END line is still a leaked (partial) key.
        out.push({
          start: m.index,
          end: headerEnd,
          confidence: 0.5,
          redacted: `${header}${mask(MIN_KEY_BODY)}`,
        });
        continue;
      }
      const body = text.slice(headerEnd, end);
      const base64Chars = body.replace(/^[A-Za-z-]+:.*$/gm, '').replace(/[^A-Za-z0-9+/=]/g, '').length;
      out.push({
        start: m.index,
        end: end + footer.length,
        confidence: base64Chars >= MIN_KEY_BODY ? 0.99 : 0.3,
        severity: base64Chars >= MIN_KEY_BODY ? undefined : 'low',
        redacted: `${header}${mask(base64Chars)}${footer}`,
      });
      // Blocks do not nest: continue after this one's END line.
      HEADER.lastIndex = end + footer.length;
    }
    return out;
  },
};
