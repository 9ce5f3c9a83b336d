import { redactKeepingPrefix } from '../redaction/redact';
import { base62Decode } from '../validation/base62';
import { crc32 } from '../validation/crc32';
import { looksLikeExample } from '../validation/placeholders';
import type { Candidate, Detector } from './detector';

// Classic: gh[pousr]_ + 30 random base62 + 6 base62 CRC32 of the random part.
// Fine-grained: github_pat_ + 22 + '_' + 59.
const PATTERN = /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g;

/** The checksum GitHub puts in a classic token's last six characters (github.blog, 2021-04-05). */
export function githubChecksumValid(token: string): boolean {
  const body = token.slice(4);
  return base62Decode(body.slice(30)) === crc32(body.slice(0, 30));
}

export const githubToken: Detector = {
  id: 'github-token',
  category: 'secret',
  severity: 'critical',
  description: 'GitHub token: classic (ghp_/gho_/ghu_/ghs_/ghr_) or fine-grained (github_pat_)',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const value = m[0];
      const fineGrained = value.startsWith('github_pat_');
      // A valid checksum makes a classic token near-certain; without it the shape is still
      // distinctive (and GitHub could change the scheme), so it is kept at lower confidence.
      let confidence = fineGrained ? 0.9 : githubChecksumValid(value) ? 0.99 : 0.7;
      if (looksLikeExample(value)) confidence = 0.1;
      out.push({
        start: m.index,
        end: m.index + value.length,
        confidence,
        severity: confidence <= 0.1 ? 'low' : undefined,
        redacted: redactKeepingPrefix(value, fineGrained ? 11 : 4),
      });
    }
    return out;
  },
};
