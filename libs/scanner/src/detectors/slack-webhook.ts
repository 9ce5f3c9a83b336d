import { mask } from '../redaction/redact';
import type { Candidate, Detector } from './detector';

const PREFIX = 'https://hooks.slack.com/services/';
const PATTERN = /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32}\b/g;

export const slackWebhook: Detector = {
  id: 'slack-webhook',
  category: 'secret',
  severity: 'high',
  description: 'Slack incoming webhook URL (anyone holding it can post to the channel)',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        confidence: 0.95,
        redacted: PREFIX + mask(m[0].length - PREFIX.length),
      });
    }
    return out;
  },
};
