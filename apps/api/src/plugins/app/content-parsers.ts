import fp from 'fastify-plugin';
import { ProblemError } from '@platform/shared';
import type { FastifyRequest } from 'fastify';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(body: Buffer): string {
  try {
    return strictUtf8.decode(body);
  } catch {
    throw new ProblemError('invalid-utf8', 'Body is not valid UTF-8', 'The request body contains bytes that are not valid UTF-8.');
  }
}

export interface ContentParserOptions {
  maxDocumentBytes: number;
}

/**
 * JSON and text/plain bodies decoded as strict UTF-8: invalid bytes are a 400, not silently
 * replaced by U+FFFD (which would change offsets of findings and hide corrupted uploads).
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
        done(null, decodeUtf8(body));
      } catch (error) {
        done(error as Error, undefined);
      }
    });
  },
  { name: 'content-parsers' },
);
