import { mask } from '../redaction/redact';
import { shannonEntropy } from '../validation/entropy';
import { isPlaceholder, looksLikeExample } from '../validation/placeholders';
import type { Candidate, Detector } from './detector';
import { KEY_CHAR, NON_SECRET_KEY, SECRET_NAME } from './secret-names';

const MAX_KEY = 48;
const MAX_VALUE = 200;
const MIN_VALUE = 6;

/**
 * `password=...`, `"apiKey": "..."`, `DB_SECRET: ...`, `token := "..."`. A keyword is found with a
 * fixed-alternative regex, then the key, operator and value are read by hand with bounded steps,
 * and the search resumes after the value, so every character is visited a bounded number of times.
 */
export const genericSecretAssignment: Detector = {
  id: 'generic-secret-assignment',
  category: 'secret',
  severity: 'high',
  description: 'A literal value assigned to a secret-like key (password=, api_key:, secret =, token:)',
  supersedes: ['high-entropy-secret'],
  find(text) {
    const out: Candidate[] = [];
    const keyword = new RegExp(SECRET_NAME.source, 'gi');
    let m: RegExpExecArray | null;
    while ((m = keyword.exec(text)) !== null) {
      const assignment = readAssignment(text, m.index, m.index + m[0].length);
      if (!assignment) continue;
      keyword.lastIndex = Math.max(keyword.lastIndex, assignment.resumeAt);
      const candidate = judge(assignment);
      if (candidate) out.push(candidate);
    }
    return out;
  },
};

interface Assignment {
  key: string;
  value: string;
  quoted: boolean;
  valueStart: number;
  resumeAt: number;
}

function readAssignment(text: string, keywordStart: number, keywordEnd: number): Assignment | undefined {
  let keyStart = keywordStart;
  while (keyStart > 0 && keywordStart - keyStart < MAX_KEY && KEY_CHAR.test(text[keyStart - 1])) keyStart--;
  let i = keywordEnd;
  while (i < text.length && i - keyStart < MAX_KEY && KEY_CHAR.test(text[i])) i++;
  const key = text.slice(keyStart, i);
  if (text[i] === '"' || text[i] === "'") i++;
  i = skipSpaces(text, i);
  // Operators: = : := =>. Not == / === / != (comparisons) and not :: (paths, namespaces).
  if (text.startsWith(':=', i) || text.startsWith('=>', i)) i += 2;
  else if ((text[i] === '=' || text[i] === ':') && text[i + 1] !== '=' && text[i + 1] !== ':') i += 1;
  else return { key, value: '', quoted: false, valueStart: i, resumeAt: i };
  i = skipSpaces(text, i);
  const quote = text[i];
  if (quote === '"' || quote === "'" || quote === '`') {
    const valueStart = i + 1;
    let j = valueStart;
    while (j < text.length && j - valueStart <= MAX_VALUE && text[j] !== quote && text[j] !== '\n') j++;
    if (text[j] !== quote) return { key, value: '', quoted: true, valueStart, resumeAt: j };
    return { key, value: text.slice(valueStart, j), quoted: true, valueStart, resumeAt: j + 1 };
  }
  const valueStart = i;
  let j = i;
  while (j < text.length && j - valueStart <= MAX_VALUE && !/[\s,;)}\]"'`<>]/.test(text[j])) j++;
  return { key, value: text.slice(valueStart, j), quoted: false, valueStart, resumeAt: j };
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && i - from < 4 && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

// One version term (`^4.0.0`, `>=1.2`, `v2.x`, `1.0.0-beta.1`); a range joins terms with ` || `, ` - ` or spaces.
const VERSION_TERM = String.raw`(?:[~^]|[<>]=?|=)?v?\d{1,9}(?:\.(?:\d{1,9}|x|\*)){1,3}(?:-[0-9A-Za-z.-]{1,64})?(?:\+[0-9A-Za-z.-]{1,64})?`;
const VERSION_OR_RANGE = new RegExp(`^${VERSION_TERM}(?:(?: *\\|\\| *| - | )${VERSION_TERM}){0,8}$`);
// A SigV4 credential scope (`Credential=<key id>/20260101/eu-west-1/s3/aws4_request` in request logs) names a key,
// it is not one; a real key id inside it is still reported by the aws-access-key-id detector.
const SIGV4_CREDENTIAL_SCOPE = /^[A-Za-z0-9]{1,128}\/\d{8}\/[a-z0-9-]{1,32}\/[a-z0-9-]{1,32}\/aws4_request$/;

function judge({ key, value, quoted, valueStart }: Assignment): Candidate | undefined {
  if (value.length < MIN_VALUE || value.length > MAX_VALUE) return undefined;
  if (NON_SECRET_KEY.test(key) || isPlaceholder(value)) return undefined;
  if (!quoted && looksLikeCode(value)) return undefined;
  // Interpolations and references inside a literal: "${prefix}-${id}", "%s", "{0}".
  if (/\$\{|\{\{|%[sd(]|\{\d\}/.test(value) || /^[$%{<]/.test(value)) return undefined;
  if (/^https?:\/\//i.test(value)) return undefined;
  // Dependency versions and ranges: `"js-tokens": "^3.0.0 || ^4.0.0"`, `"@inquirer/password": "~1.1.4"`.
  if (VERSION_OR_RANGE.test(value)) return undefined;
  if (SIGV4_CREDENTIAL_SCOPE.test(value)) return undefined;
  const example = looksLikeExample(value);
  const entropy = shannonEntropy(value);
  let confidence = quoted ? 0.7 : 0.6;
  if (entropy >= 3.5 && /[0-9]/.test(value) && /[A-Za-z]/.test(value)) confidence += 0.15;
  if (example) confidence = 0.1;
  return {
    start: valueStart,
    end: valueStart + value.length,
    confidence,
    severity: example ? 'low' : undefined,
    redacted: `${key}=${mask(value.length)}`,
  };
}

/**
 * Unquoted values that are code, not literals: `password = req.body.password`,
 * `token: getToken()`, `secret = os.environ["X"]`, `apiKey: string`, `password: userPassword`.
 */
function looksLikeCode(value: string): boolean {
  if (/[()[\]]/.test(value)) return true;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return true;
  return /^[A-Za-z_]+$/.test(value);
}
