import fc from 'fast-check';

export interface RawInputs {
  authorization: string;
  knownId: string;
}

const CRLF = '\r\n';
const anyBytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));
const latin1 = (max: number) => fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: max });

const method = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT', 'DELETE') }, { weight: 1, arbitrary: fc.constantFrom('get', 'CONNECT', 'TRACE', 'PRI', 'M-SEARCH', '', 'G\u0000T', 'X'.repeat(100)) });
const version = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('HTTP/1.1', 'HTTP/1.0') }, { weight: 1, arbitrary: fc.constantFrom('HTTP/2.0', 'HTTP/1.9', 'HTTP/1', 'HTTP', 'http/1.1', '') });

function target(inputs: RawInputs): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom('/healthz', '/readyz', '/v1/scans', `/v1/scans/${inputs.knownId}`, `/v1/scans/${inputs.knownId}/report?format=sarif`, '*', 'http://127.0.0.1/healthz', '/v1/scans/../../etc/passwd', '/v1/scans/%'),
    // Raw bytes in the request target (invalid UTF-8, controls, spaces), which an HTTP client would encode.
    fc.tuple(fc.constantFrom('/v1/scans/', '/v1/scans?cursor=', '/'), latin1(60)).map(([p, s]) => p + s),
    fc.nat({ max: 20_000 }).map((n) => `/v1/scans?cursor=${'c'.repeat(n)}`),
  );
}

function headers(inputs: RawInputs): fc.Arbitrary<string[]> {
  const header = fc.oneof(
    fc.constantFrom(
      `Authorization: ${inputs.authorization}`,
      'Content-Type: application/json',
      'Content-Type: text/plain',
      'Content-Length: 0',
      'Content-Length: 5',
      'Content-Length: -1',
      'Content-Length: 99999999999999999999',
      'Transfer-Encoding: chunked',
      'Transfer-Encoding: gzip, chunked',
      'Expect: 100-continue',
      'Idempotency-Key: \u00ff\u00fe',
      'X-Request-Id: ../../etc',
      'Connection: keep-alive',
    ),
    fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,20}$/), latin1(80)).map(([k, v]) => `${k}: ${v}`),
    latin1(80),
    fc.constant(`X-Big: ${'h'.repeat(20_000)}`),
  );
  return fc.array(header, { maxLength: 6 });
}

const body = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.constantFrom('{"content":"raw socket"}', 'hello', '5\r\nhello\r\n0\r\n\r\n', 'zz\r\nnot hex\r\n', '{"content":"\\ud800"}').map((s) => Buffer.from(s)),
  anyBytes(300),
);

/**
 * Bytes a hostile or broken client might send: malformed request lines and versions, raw bytes
 * in the target, conflicting or impossible lengths, bad chunking, oversized headers.
 */
export function rawRequests(inputs: RawInputs): fc.Arbitrary<Buffer> {
  return fc
    .record({
      method,
      target: target(inputs),
      version,
      headers: headers(inputs),
      close: fc.boolean(),
      body,
      contentLength: fc.boolean(),
      garbage: fc.option(anyBytes(200), { freq: 10, nil: undefined }),
    })
    .map((r) => {
      if (r.garbage) return r.garbage;
      const lines = [`${r.method} ${r.target} ${r.version}`.trimEnd(), 'Host: 127.0.0.1', ...r.headers];
      if (r.contentLength) lines.push(`Content-Length: ${r.body.length}`);
      if (r.close) lines.push('Connection: close');
      return Buffer.concat([Buffer.from(lines.join(CRLF) + CRLF + CRLF, 'latin1'), r.body]);
    });
}
