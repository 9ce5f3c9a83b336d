import { mask } from '../redaction/redact';
import { isPlaceholder } from '../validation/placeholders';
import type { Candidate, Detector } from './detector';

// scheme://user:password@host — user may be empty (redis://:<password>@host). The user class excludes ':'
// and the password class excludes '@', so each part ends at one place; all parts are bounded.
const PATTERN =
  /\b(postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/([^\s:@/'"`]{0,128}):([^\s@/'"`]{1,256})@([^\s/'"`?#<>]{1,255})/dgi;

export const databaseUrl: Detector = {
  id: 'database-url',
  category: 'secret',
  severity: 'critical',
  description: 'Database/broker connection URL with an inline password (postgres, mysql, mongodb, redis, amqp)',
  supersedes: ['high-entropy-secret', 'generic-secret-assignment', 'email', 'ip-address'],
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(PATTERN)) {
      const [, scheme, user, password, host] = m;
      if (isPlaceholder(password) || isPlaceholder(decodeURIComponentSafe(password))) continue;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        confidence: 0.9,
        redacted: `${scheme}://${user}:${mask(password.length)}@${host}`,
      });
    }
    return out;
  },
};

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
