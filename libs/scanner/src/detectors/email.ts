import { redactEmail } from '../redaction/redact';
import type { Candidate, Detector } from './detector';

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;
/** RFC 2606 / 6761 names reserved for documentation: real mail never goes there. */
const RESERVED_DOMAIN = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid|localhost)$/i;
/** "Top-level domains" that are file extensions: icon@2x.png, bundle@1.2.3.js. */
const FILE_EXTENSION = /^(?:png|jpe?g|gif|svg|webp|ico|css|js|mjs|cjs|ts|tsx|jsx|map|json|lock|ya?ml|txt|md|html?)$/i;

/**
 * Anchored on '@' (found with indexOf): the local part is read leftwards and the domain rightwards,
 * each at most its RFC length, so every '@' costs a bounded amount of work.
 */
export const email: Detector = {
  id: 'email',
  category: 'personal-data',
  severity: 'medium',
  description: 'Email address',
  find(text) {
    const out: Candidate[] = [];
    let at = text.indexOf('@');
    while (at !== -1) {
      const candidate = readEmail(text, at);
      if (candidate) out.push(candidate);
      at = text.indexOf('@', at + 1);
    }
    return out;
  },
};

function readEmail(text: string, at: number): Candidate | undefined {
  let start = at;
  while (start > 0 && at - start <= MAX_LOCAL && LOCAL_CHAR.test(text[start - 1])) start--;
  if (at - start > MAX_LOCAL || start === at) return undefined;
  // Trim leading dots/dashes picked up from punctuation ("-jane@..." in a list stays "jane@...").
  while (start < at && /[.+-]/.test(text[start])) start++;
  let end = at + 1;
  while (end < text.length && end - at <= MAX_DOMAIN && DOMAIN_CHAR.test(text[end])) end++;
  // A sentence can end right after an address: "write to jane@example.com."
  while (end > at + 1 && /[.-]/.test(text[end - 1])) end--;
  const local = text.slice(start, at);
  const domain = text.slice(at + 1, end);
  if (!validLocal(local) || !validDomain(domain)) return undefined;
  // URL credentials (scheme://user@host) and ssh remotes (git@github.com:org/repo) are not mailboxes.
  if (text.slice(Math.max(0, start - 3), start) === '://' || text[start - 1] === '/') return undefined;
  if (text[end] === ':' && /[A-Za-z0-9~/]/.test(text[end + 1] ?? '')) return undefined;
  const reserved = RESERVED_DOMAIN.test(domain);
  return {
    start,
    end,
    confidence: reserved ? 0.5 : 0.9,
    severity: reserved ? 'low' : undefined,
    redacted: redactEmail(text.slice(start, end)),
  };
}

function validLocal(local: string): boolean {
  return local.length > 0 && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1];
  if (!/^[A-Za-z]{2,24}$/.test(tld) || FILE_EXTENSION.test(tld)) return false;
  return labels.every((l) => l.length > 0 && l.length <= 63 && !l.startsWith('-') && !l.endsWith('-'));
}
