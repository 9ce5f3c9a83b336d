import { CursorCodec, ProblemError } from '../src';

describe('CursorCodec', () => {
  const codec = new CursorCodec('test-cursor-secret-0123456789');
  const key = { tenantId: 't1', scanId: '01J0000000000000000000000A' };

  it('round-trips a key for the same scope', () => {
    const cursor = codec.encode('t1', key)!;
    expect(codec.decode('t1', cursor)).toEqual(key);
  });

  it('returns undefined when there is no next page', () => {
    expect(codec.encode('t1', undefined)).toBeUndefined();
    expect(codec.decode('t1', undefined)).toBeUndefined();
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['empty', ''],
    ['extra part', 'a.b.c'],
    ['forged payload', Buffer.from(JSON.stringify({ s: 't1', k: { tenantId: 't2' } })).toString('base64url') + '.AAAA'],
  ])('rejects a %s cursor with a 400 problem', (_name, cursor) => {
    expect(() => codec.decode('t1', cursor)).toThrow(ProblemError);
    try {
      codec.decode('t1', cursor);
    } catch (error) {
      expect((error as ProblemError).status).toBe(400);
    }
  });

  it('rejects a genuine cursor used by another tenant', () => {
    const cursor = codec.encode('t1', key)!;
    expect(() => codec.decode('t2', cursor)).toThrow(/cursor/);
  });

  it('rejects a cursor signed with another secret', () => {
    const other = new CursorCodec('another-secret-0123456789abc');
    expect(() => codec.decode('t1', other.encode('t1', key))).toThrow(ProblemError);
  });
});
