import { redactKeepingPrefix } from '../redaction/redact';
import { shannonEntropy } from '../validation/entropy';
import { looksLikeExample } from '../validation/placeholders';
import type { Candidate, Detector } from './detector';

// A 40-character secret only counts next to a name that says what it is (aws_secret_access_key,
// AWS_SECRET, "SecretAccessKey"): 40 base64 characters alone are as likely a hash. The name parts
// have bounded lengths, so failing attempts cost a constant each.
const PATTERN =
  /\b(?:aws[a-z0-9_.-]{0,20}secret[a-z0-9_.-]{0,20}|secret_?access_?key)["']?\s{0,4}(?:=>|:=|=|:)\s{0,4}["']?([a-z0-9/+]{40})(?![a-z0-9/+=])/dgi;

export const awsSecretAccessKey: Detector = {
  id: 'aws-secret-access-key',
  category: 'secret',
  severity: 'critical',
  description: '40-character AWS secret access key assigned to an AWS/secret-named key',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const value = m[1];
      const span = m.indices?.[1];
      if (!span) continue;
      const [start, end] = span;
      // Random base64 has upper, lower and digits; a hex git SHA or a word does not.
      if (!/[A-Z]/.test(value) || !/[a-z]/.test(value) || !/[0-9]/.test(value)) continue;
      if (shannonEntropy(value) < 4) continue;
      const example = looksLikeExample(value);
      out.push({
        start,
        end,
        confidence: example ? 0.1 : 0.9,
        severity: example ? 'low' : undefined,
        redacted: redactKeepingPrefix(value, 0),
      });
    }
    return out;
  },
};
