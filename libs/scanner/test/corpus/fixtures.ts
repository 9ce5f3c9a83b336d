/**
 * Builds fake secrets and personal data in valid formats at run time, so that no secret-shaped
 * literal is committed (secret scanners would flag the repository) while the scanner still sees
 * exactly what a real leak looks like. Everything is derived from a seeded PRNG: same seed, same
 * fixtures, same findings.
 */
import { base62Encode } from '../../src/validation/base62';
import { crc32 } from '../../src/validation/crc32';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const BASE62 = DIGITS + UPPER + LOWER;
const BASE32 = UPPER + '234567';
const BASE64 = BASE62 + '+/';

export class FixtureBuilder {
  private state: number;

  constructor(seed = 42) {
    this.state = seed >>> 0;
  }

  /** mulberry32: small, fast, deterministic. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }

  /** Random string that contains at least one upper, lower and digit (what real keys look like). */
  mixed(alphabet: string, length: number): string {
    for (;;) {
      const value = this.chars(alphabet, length);
      if (/[A-Z]/.test(value) && /[a-z]/.test(value) && /[0-9]/.test(value)) return value;
    }
  }

  awsAccessKeyId(kind: 'AKIA' | 'ASIA' = 'AKIA'): string {
    return kind.slice(0, 2) + kind.slice(2) + this.chars(BASE32, 16);
  }

  /** AWS's own documentation key id, assembled so the literal is not in the repository. */
  awsDocumentationKeyId(): string {
    return 'AK' + 'IA' + 'IOSFODNN7' + 'EXAMPLE';
  }

  awsSecretAccessKey(): string {
    return this.mixed(BASE64, 40);
  }

  githubClassic(prefix: 'ghp' | 'gho' | 'ghu' | 'ghs' | 'ghr' = 'ghp'): string {
    const random = this.chars(BASE62, 30);
    return prefix + '_' + random + base62Encode(crc32(random), 6);
  }

  /** Right shape, wrong checksum. */
  githubClassicBadChecksum(): string {
    const token = this.githubClassic();
    const last = token[token.length - 1];
    return token.slice(0, -1) + (last === 'A' ? 'B' : 'A');
  }

  githubFineGrained(): string {
    return 'github' + '_pat_' + this.chars(BASE62, 22) + '_' + this.chars(BASE62, 59);
  }

  slackToken(kind: 'b' | 'p' = 'b'): string {
    return 'xo' + 'x' + kind + '-' + this.chars(DIGITS, 12) + '-' + this.chars(DIGITS, 13) + '-' + this.mixed(BASE62, 24);
  }

  slackWebhook(): string {
    return (
      'https://hooks.' + 'slack.com/services/T' + this.chars(UPPER + DIGITS, 8) + '/B' + this.chars(UPPER + DIGITS, 10) + '/' + this.mixed(BASE62, 24)
    );
  }

  stripeKey(mode: 'live' | 'test' = 'live', kind: 'sk' | 'rk' = 'sk'): string {
    return kind + '_' + mode + '_' + this.mixed(BASE62, 24);
  }

  googleApiKey(): string {
    return 'AI' + 'za' + this.mixed(BASE62 + '_-', 35);
  }

  privateKey(label = 'RSA'): string {
    const body: string[] = [];
    for (let i = 0; i < 6; i++) body.push(this.chars(BASE64, 64));
    const type = label ? `${label} PRIVATE KEY` : 'PRIVATE KEY';
    return `-----BEGIN ${type}-----\n${body.join('\n')}\n-----END ${type}-----`;
  }

  jwt(header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
    const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const payload = { sub: String(this.int(1e9)), iat: 1700000000 + this.int(1e6), scope: 'scans:read' };
    return `${encode(header)}.${encode(payload)}.${this.chars(BASE62 + '_-', 43)}`;
  }

  password(length = 16): string {
    return this.mixed(BASE62 + '!#%^&*', length);
  }

  databaseUrl(scheme = 'postgres', password = this.password()): string {
    return `${scheme}://app_user:${password}@db.internal.corp:5432/app`;
  }

  /** A card number of `length` digits starting with `prefix` whose Luhn check digit is right. */
  cardNumber(prefix: string, length: number): string {
    const body = prefix + this.chars(DIGITS, length - prefix.length - 1);
    for (let check = 0; check <= 9; check++) {
      const candidate = body + check;
      if (luhn(candidate)) return candidate;
    }
    throw new Error('unreachable: one of ten check digits always passes');
  }

  /** A GB IBAN with correct check digits. */
  iban(country = 'GB', bban = 'WEST' + this.chars(DIGITS, 14)): string {
    const numeric = (bban + country + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
    let remainder = 0;
    for (const d of numeric) remainder = (remainder * 10 + Number(d)) % 97;
    return country + String(98 - remainder).padStart(2, '0') + bban;
  }

  ssn(): string {
    const area = String(100 + this.int(565)).padStart(3, '0');
    const group = String(10 + this.int(89));
    const serial = String(1000 + this.int(8999));
    return `${area}-${group}-${serial}`;
  }

  /** A random high-entropy API key with no vendor prefix. */
  opaqueKey(length = 32): string {
    return this.mixed(BASE62, length);
  }
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Groups digits the way they are printed: `4111111111111111` -> `4111 1111 1111 1111`. */
export function groupBy4(value: string, separator = ' '): string {
  return value.replace(/(.{4})(?=.)/g, `$1${separator}`);
}

/** Replaces `{{NAME}}` placeholders; throws on a placeholder without a value so templates stay honest. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no fixture value for {{${name}}}`);
    return value;
  });
}
