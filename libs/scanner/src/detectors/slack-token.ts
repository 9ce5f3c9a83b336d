import { redactKeepingPrefix } from '../redaction/redact';
import { looksLikeExample } from '../validation/placeholders';
import type { Candidate, Detector } from './detector';

// xoxb- (bot), xoxp- (user), xoxa- (app), xoxr- (refresh), xoxs- (session): dash-separated
// segments. Each segment's class excludes '-', so there is exactly one way to split a run.
const PATTERN = /\bxox[baprs]-[0-9A-Za-z]{1,64}(?:-[0-9A-Za-z]{1,64}){1,5}\b/g;

export const slackToken: Detector = {
  id: 'slack-token',
  category: 'secret',
  severity: 'high',
  description: 'Slack API token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-)',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const value = m[0];
      // Real tokens carry numeric team/user ids and a long random tail.
      if (value.length < 24 || !/-[0-9]{6,}-/.test(value)) continue;
      const example = looksLikeExample(value);
      out.push({
        start: m.index,
        end: m.index + value.length,
        confidence: example ? 0.1 : 0.9,
        severity: example ? 'low' : undefined,
        redacted: redactKeepingPrefix(value, 5),
      });
    }
    return out;
  },
};
