import { redactKeepingPrefix } from '../redaction/redact';
import { looksLikeExample } from '../validation/placeholders';
import type { Candidate, Detector } from './detector';

// AIza + 35 characters of [0-9A-Za-z_-]; not followed by another key character.
const PATTERN = /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g;

export const googleApiKey: Detector = {
  id: 'google-api-key',
  category: 'secret',
  severity: 'high',
  description: 'Google API key (AIza...)',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const value = m[0];
      const example = looksLikeExample(value);
      out.push({
        start: m.index,
        end: m.index + value.length,
        confidence: example ? 0.1 : 0.9,
        severity: example ? 'low' : undefined,
        redacted: redactKeepingPrefix(value, 4),
      });
    }
    return out;
  },
};
