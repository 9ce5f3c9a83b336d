import { createHmac, timingSafeEqual } from 'node:crypto';
import { ProblemError } from '../errors/problem';

/**
 * Opaque pagination cursors: the DynamoDB LastEvaluatedKey plus the tenant it belongs to,
 * signed with HMAC. A garbled or forged cursor (or one from another tenant) is a 400.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(scope: string, key: Record<string, unknown> | undefined): string | undefined {
    if (!key) return undefined;
    const payload = Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  decode(scope: string, cursor: string | undefined): Record<string, unknown> | undefined {
    if (cursor === undefined) return undefined;
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined || !this.verify(payload, signature)) throw invalidCursor();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const { s, k } = (parsed ?? {}) as { s?: unknown; k?: unknown };
    if (s !== scope || !k || typeof k !== 'object' || Array.isArray(k)) throw invalidCursor();
    return k as Record<string, unknown>;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url').slice(0, 32);
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function invalidCursor(): ProblemError {
  return new ProblemError('invalid-cursor', 'Invalid cursor', 'The cursor is malformed or was not issued for this listing; start again without it.');
}
