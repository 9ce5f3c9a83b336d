import { createHash } from 'node:crypto';
import { DocumentRepository } from '@platform/shared';
import { expectProblem, startTestApp, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await startTestApp();
});
afterAll(async () => ctx?.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function postText(bytes: Buffer) {
  return ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA, 'content-type': 'text/plain; charset=utf-8' }, payload: bytes });
}

/** The scan, as GET serves it, and the document as stored for the worker. */
async function stored(id: string) {
  const scan = (await ctx.app.inject({ url: `/v1/scans/${id}`, headers: { authorization: ctx.tenantA } })).json();
  const document = await new DocumentRepository(ctx.clients.dynamo, ctx.config.aws.tablePrefix).get(id);
  return { scan, document };
}

describe('the document is the bytes received', () => {
  it('keeps a leading BOM of a text/plain body: size, sha256 and the stored text are those of the bytes sent', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('mail jane@example.com\n')]);
    const response = await postText(bytes);
    expect(response.statusCode).toBe(202);
    const { scan, document } = await stored(response.json().id);
    expect(scan.sizeBytes).toBe(bytes.length);
    expect(scan.contentSha256).toBe(sha256(bytes));
    // The worker scans exactly this string, so its byte offsets count the BOM's 3 bytes.
    expect(document).toBe('\uFEFFmail jane@example.com\n');
    expect(Buffer.from(document!, 'utf8').equals(bytes)).toBe(true);
  });

  it('refuses a text/plain body with an encoded surrogate (ED A0 80) with 400, not a U+FFFD in its place', async () => {
    const bytes = Buffer.concat([Buffer.from('before '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' after')]);
    expectProblem(await postText(bytes), 400, 'invalid-utf8');
  });

  it.each([
    ['a lone high surrogate', '{"content":"key \\ud800 here"}'],
    ['a lone low surrogate', '{"content":"\\udc00 first"}'],
    ['a reversed pair', '{"content":"x \\udc00\\ud800 y"}'],
  ])('refuses JSON content with %s with 400', async (_name, payload) => {
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/scans', headers: { authorization: ctx.tenantA, 'content-type': 'application/json' }, payload });
    expect(expectProblem(response, 400, 'invalid-utf8').detail).toContain('unpaired surrogate');
  });

  it('accepts a proper surrogate pair (an emoji) written as JSON escapes, hashed as its UTF-8 bytes', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/v1/scans',
      headers: { authorization: ctx.tenantA, 'content-type': 'application/json' },
      payload: '{"content":"ok \\ud83d\\ude00 jane@example.com"}',
    });
    expect(response.statusCode).toBe(202);
    const { scan } = await stored(response.json().id);
    const bytes = Buffer.from('ok \u{1F600} jane@example.com', 'utf8');
    expect(scan.sizeBytes).toBe(bytes.length);
    expect(scan.contentSha256).toBe(sha256(bytes));
  });
});
