import { redactKeepingPrefix } from '../redaction/redact';
import { looksLikeExample } from '../validation/placeholders';
import type { Candidate, Detector } from './detector';

// AKIA = long-term IAM user key, ASIA = temporary STS key; 16 more base32 characters.
// Word boundaries on both sides: `AKIA`.repeat(n) never matches and each start is tried once.
const PATTERN = /\b(AKIA|ASIA)[A-Z2-7]{16}\b/g;

export const awsAccessKeyId: Detector = {
  id: 'aws-access-key-id',
  category: 'secret',
  severity: 'high',
  description: 'AWS access key id (AKIA long-term, ASIA temporary)',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const value = m[0];
      const example = looksLikeExample(value);
      out.push({
        start: m.index,
        end: m.index + value.length,
        // The id alone cannot sign a request, so "high" rather than "critical"; documentation
        // keys such as AKIAIOSFODNN7EXAMPLE stay visible but at low confidence and severity.
        confidence: example ? 0.1 : 0.9,
        severity: example ? 'low' : undefined,
        redacted: redactKeepingPrefix(value, 4),
      });
    }
    return out;
  },
};
