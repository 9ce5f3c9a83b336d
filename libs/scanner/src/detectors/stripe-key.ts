import { redactKeepingPrefix } from '../redaction/redact';
import { looksLikeExample } from '../validation/placeholders';
import type { Candidate, Detector } from './detector';

// Secret (sk_) and restricted (rk_) keys; publishable pk_ keys are public by design.
const PATTERN = /\b(?:sk|rk)_(live|test)_[0-9A-Za-z]{24,99}\b/g;

export const stripeKey: Detector = {
  id: 'stripe-key',
  category: 'secret',
  severity: 'critical',
  description: 'Stripe secret or restricted API key (sk_live_, rk_live_, sk_test_, rk_test_)',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const value = m[0];
      const live = m[1] === 'live';
      const example = looksLikeExample(value);
      out.push({
        start: m.index,
        end: m.index + value.length,
        confidence: example ? 0.1 : 0.95,
        // Test-mode keys cannot move money but do expose test data and account settings.
        severity: example ? 'low' : live ? undefined : 'medium',
        redacted: redactKeepingPrefix(value, 8),
      });
    }
    return out;
  },
};
