import type { Severity } from '@platform/shared';
import { mask } from '../redaction/redact';
import { textBefore } from './context';
import type { Candidate, Detector } from './detector';

// Dotted quad; the '.' between octets leaves one way to split it. Not part of a longer dotted
// number (1.2.3.4.5 is an OID or a version), not a CIDR block (10.0.0.0/16 is a network, not a host).
const IPV4 = /(?<![\w.])([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})(?![\w]|\.[0-9]|\/[0-9])/g;
// Hex groups separated by ':'; each group's class excludes ':', so there is one way to split.
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:]|\/[0-9])/g;
const VERSION_CONTEXT = /(?:version|ver\.?|release|build|rev\.?|firmware|v)\s*[:=]?\s*$/i;

export const ipAddress: Detector = {
  id: 'ip-address',
  category: 'personal-data',
  severity: 'medium',
  description: 'IPv4/IPv6 address (public addresses medium, private/loopback/documentation ranges low)',
  find(text) {
    const out: Candidate[] = [];
    for (const m of text.matchAll(IPV4)) {
      const octets = m.slice(1, 5);
      if (!octets.every(validOctet)) continue;
      const numbers = octets.map(Number);
      // 0.0.0.0 (any), 255.x netmasks and broadcast: configuration, not anybody's address.
      if (numbers[0] === 0 || numbers[0] === 255) continue;
      if (VERSION_CONTEXT.test(textBefore(text, m.index, 24))) continue;
      const severity = ipv4Severity(numbers);
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        confidence: severity === 'low' ? 0.5 : 0.8,
        severity: severity === 'low' ? 'low' : undefined,
        redacted: `${octets[0]}.*.*.*`,
      });
    }
    for (const m of text.matchAll(IPV6)) {
      const groups = ipv6Groups(m[0]);
      if (!groups) continue;
      const severity = ipv6Severity(groups);
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        confidence: severity === 'low' ? 0.5 : 0.8,
        severity: severity === 'low' ? 'low' : undefined,
        redacted: `${groups[0]}:${mask(4)}`,
      });
    }
    return out;
  },
};

function validOctet(octet: string): boolean {
  // Leading zeros ("01") mean octal in some parsers and a version or date elsewhere.
  return (octet.length === 1 || octet[0] !== '0') && Number(octet) <= 255;
}

function ipv4Severity([a, b, c]: number[]): Severity {
  const privateOrReserved =
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113) ||
    a >= 224;
  return privateOrReserved ? 'low' : 'medium';
}

/**
 * Expands an IPv6 candidate to its eight groups, or undefined if it is not one: at most one '::',
 * exactly eight groups once expanded, and at least two non-empty groups with one of 3+ digits,
 * so `a::b`-like code (and MAC addresses, times) do not pass.
 */
export function ipv6Groups(value: string): string[] | undefined {
  const halves = value.split('::');
  if (halves.length > 2) return undefined;
  const split = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const head = split(halves[0]);
  const tail = halves.length === 2 ? split(halves[1]) : [];
  const present = [...head, ...tail];
  if (present.some((g) => g.length === 0 || g.length > 4)) return undefined;
  if (halves.length === 1 && present.length !== 8) return undefined;
  if (halves.length === 2 && present.length > 7) return undefined;
  if (present.length < 2 || !present.some((g) => g.length >= 3)) return undefined;
  const zeros = Array<string>(8 - present.length).fill('0');
  return [...head, ...zeros, ...tail].map((g) => g.toLowerCase());
}

function ipv6Severity(groups: string[]): Severity {
  const first = parseInt(groups[0], 16);
  const loopback = groups.slice(0, 7).every((g) => Number.parseInt(g, 16) === 0);
  const uniqueLocal = (first & 0xfe00) === 0xfc00;
  const linkLocal = (first & 0xffc0) === 0xfe80;
  const documentation = first === 0x2001 && parseInt(groups[1], 16) === 0x0db8;
  return loopback || uniqueLocal || linkLocal || documentation ? 'low' : 'medium';
}
