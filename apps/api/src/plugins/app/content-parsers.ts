import fp from 'fastify-plugin';
import { ProblemError } from '@platform/shared';
import type { FastifyRequest } from 'fastify';

// A JSON text may start with a BOM, which is not part of the value (RFC 8259 §8.1): dropped.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// A text/plain body is the document itself: its BOM is kept, so the scanned text, its size, its
// sha256 and every byte offset are those of the bytes received.
const strictUtf8KeepingBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(body: Buffer, decoder = strictUtf8): string {
  try {
    return decoder.decode(body);
  } catch {
    throw new ProblemError('invalid-utf8', 'Body is not valid UTF-8', 'The request body contains bytes that are not valid UTF-8.');
  }
}

export interface ContentParserOptions {
  maxDocumentBytes: number;
}

/**
 * JSON and text/plain bodies decoded as strict UTF-8: invalid bytes (encoded surrogates
 * included) are a 400, not silently replaced by U+FFFD (which would change offsets of findings
 * and hide corrupted uploads). JSON can still spell a lone surrogate as an escape (`"\ud800"`);
 * the create-scan route refuses that content.
 */
export default fp<ContentParserOptions>(
  async (app, { maxDocumentBytes }) => {
    const jsonParser = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser(['application/json', 'text/plain']);
    // JSON escaping can grow text up to 6x (\uXXXX); accept that envelope, then check the content itself.
    const jsonLimit = maxDocumentBytes * 6 + 64 * 1024;
    app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: jsonLimit }, (request: FastifyRequest, body: Buffer, done) => {
      let text: string;
      try {
        text = decodeUtf8(body);
      } catch (error) {
        done(error as Error, undefined);
        return;
      }
      jsonParser(request, text, done);
    });
    app.addContentTypeParser('text/plain', { parseAs: 'buffer', bodyLimit: maxDocumentBytes }, (_request, body: Buffer, done) => {
      try {
        done(null, decodeUtf8(body, strictUtf8KeepingBom));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  },
  { name: 'content-parsers' },
);
