import fc from 'fast-check';
import { DETECTOR_IDS, FRAMEWORKS, SCAN_STATUSES } from '@platform/shared';

/** One generated HTTP request, in the shape `app.inject()` takes. */
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface FuzzInputs {
  /** Path templates from the OpenAPI document, e.g. `/v1/scans/{id}/report`. */
  templates: string[];
  /** Ids that exist (for tenant A), so the happy paths are reached too. */
  knownIds: string[];
  /** Valid `Authorization` values. */
  authorizations: string[];
  /** The body limit of the app under test: bodies just above it are generated too. */
  maxDocumentBytes: number;
}

const ULID_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.split('');
const ulid = fc.array(fc.constantFrom(...ULID_CHARS), { minLength: 26, maxLength: 26 }).map((c) => c.join(''));
/** Printable ASCII plus Latin-1: what an HTTP client can put in a header value. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((c) => c !== 0x7f).map((c) => String.fromCharCode(c)), maxLength: 300 });
const percentBytes = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));

const pathSegment = fc.oneof(
  ulid,
  ulid.map((id) => id.toLowerCase()),
  fc.constantFrom('..', '.', '%2e%2e', '..%2f..%2fetc%2fpasswd', '%00', '%', '%zz', '%c0%ae', '~', '*', ' ', '%20', 'undefined', 'null', '0', '-1'),
  percentBytes,
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
  fc.nat({ max: 3000 }).map((n) => 'A'.repeat(n)),
);

const queryKey = fc.oneof(fc.constantFrom('limit', 'cursor', 'status', 'format', 'framework', 'detectors', '__proto__', 'constructor'), fc.string({ maxLength: 10 }));
const queryValue = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('0', '-1', '1e3', '1.5', 'NaN', 'Infinity', '', 'true', '[]', '{}', 'json', 'sarif', 'queued', 'gdpr', 'ccpa', 'email,jwt', 'email,,jwt', ','),
  fc.string({ maxLength: 60 }).map(encodeURIComponent),
  percentBytes,
  fc.base64String({ maxLength: 200 }).map((s) => `${s}.${s.slice(0, 32)}`),
  fc.nat({ max: 5000 }).map((n) => 'x'.repeat(n)),
);
const query = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 5, arbitrary: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 }).map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : '')) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 50 }), percentBytes, fc.constantFrom('?', '??', '?&&&', '?=', '?a[b]=1', '?limit=1&limit=2')).map((s) => (s.startsWith('?') ? s : `?${s}`)) },
);

function pathFrom(template: string, segments: string[]): string {
  let i = 0;
  return template.replace(/\{[^}]+\}/g, () => segments[i++] ?? 'x');
}

function paths(inputs: FuzzInputs): fc.Arbitrary<string> {
  const known = inputs.knownIds.length ? fc.constantFrom(...inputs.knownIds) : ulid;
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...inputs.templates), fc.array(fc.oneof(known, pathSegment), { minLength: 1, maxLength: 2 })).map(([t, s]) => pathFrom(t, s)) },
    { weight: 1, arbitrary: fc.array(pathSegment, { minLength: 0, maxLength: 6 }).map((s) => `/${s.join('/')}`) },
    { weight: 1, arbitrary: fc.constantFrom('/v1/scans/', '/v1//scans', '//v1/scans', '/v1/scans/../scans', '/V1/SCANS', '/v1/scans/%2F', '/docs', '/openapi.json', '/healthz', '/readyz') },
  );
}

const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'text/plain',
    'text/plain; charset=latin1',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    'text/html',
    'application/problem+json',
    'application/json;;;',
    '*/*',
    '',
  ),
  headerText,
);

function authorization(inputs: FuzzInputs): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...inputs.authorizations) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.oneof(headerText, headerText.map((s) => `Bearer ${s}`), fc.constantFrom('Bearer', 'Bearer ', 'bearer x', 'Basic Zm9vOmJhcg==')) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{10,60}$/).map((k) => `Bearer ${k}`) },
  );
}

const detectorIds = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...DETECTOR_IDS) }, { weight: 1, arbitrary: fc.constantFrom('nope', '', 'EMAIL') });
const jsonScanBody = fc.record(
  {
    content: fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.constantFrom(' ', '\n\t', ''), fc.jsonValue({ maxDepth: 2 })),
    framework: fc.oneof(fc.constantFrom(...FRAMEWORKS, 'hipaa', 'GDPR', ''), fc.jsonValue({ maxDepth: 1 })),
    detectors: fc.oneof(fc.array(detectorIds, { maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })),
    extra: fc.jsonValue({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

function bodies(inputs: FuzzInputs): fc.Arbitrary<string | Buffer | undefined> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 4, arbitrary: jsonScanBody.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
    // Invalid UTF-8 (lone continuation bytes, overlongs, surrogates) inside otherwise valid JSON or text.
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.concat([Buffer.from('{"content":"'), Buffer.from(bytes), Buffer.from('"}')])) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.constantFrom('{', '{"content":', '[]', 'null', '""', '{"content":"\\ud800"}', '{"__proto__":{"content":"x"}}', '{"constructor":{"prototype":{}}}', '\u0000') },
    // Just over the limits: the document limit and the JSON envelope.
    { weight: 1, arbitrary: fc.constantFrom(inputs.maxDocumentBytes + 1, inputs.maxDocumentBytes * 7).map((n) => JSON.stringify({ content: 'a'.repeat(n) })) },
    { weight: 1, arbitrary: fc.constant(inputs.maxDocumentBytes + 1).map((n) => 'b'.repeat(n)) },
  );
}

/**
 * Requests that are valid or one mistake away from valid, so the handlers and the storage behind
 * them run (not just the router and the validators).
 */
function nearlyValid(inputs: FuzzInputs): fc.Arbitrary<FuzzRequest> {
  const auth = fc.constantFrom(...inputs.authorizations);
  const known = inputs.knownIds.length ? fc.constantFrom(...inputs.knownIds) : ulid;
  const content = fc.oneof(fc.string({ minLength: 1, maxLength: 300 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 100 }), fc.constantFrom('key AKIAABCDEFGHIJKLMNOP', 'mail jane@example.com'));
  const detectors = fc.uniqueArray(fc.constantFrom(...DETECTOR_IDS), { minLength: 1, maxLength: 4 });
  const createJson = fc
    .tuple(auth, fc.record({ content, framework: fc.constantFrom(...FRAMEWORKS), detectors }, { requiredKeys: ['content'] }), fc.option(fc.uuid(), { nil: undefined }))
    .map(([authorization, body, key]): FuzzRequest => ({
      method: 'POST',
      url: '/v1/scans',
      headers: { authorization, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      payload: JSON.stringify(body),
    }));
  const createText = fc.tuple(auth, content, fc.option(detectors, { nil: undefined }), fc.constantFrom(...FRAMEWORKS)).map(
    ([authorization, text, ids, framework]): FuzzRequest => ({
      method: 'POST',
      url: `/v1/scans?framework=${framework}${ids ? `&detectors=${ids.join(',')}` : ''}`,
      headers: { authorization, 'content-type': 'text/plain; charset=utf-8' },
      payload: text,
    }),
  );
  const list = fc.tuple(auth, fc.integer({ min: -5, max: 600 }), fc.option(fc.constantFrom(...SCAN_STATUSES), { nil: undefined })).map(
    ([authorization, limit, status]): FuzzRequest => ({ method: 'GET', url: `/v1/scans?limit=${limit}${status ? `&status=${status}` : ''}`, headers: { authorization } }),
  );
  const read = fc.tuple(auth, fc.oneof(known, ulid), fc.constantFrom('', '/findings', '/findings?limit=3', '/report', '/report?format=sarif', '/report?format=pdf', '/events')).map(
    ([authorization, id, suffix]): FuzzRequest => ({ method: 'GET', url: `/v1/scans/${id}${suffix}`, headers: { authorization } }),
  );
  const cancel = fc.tuple(auth, fc.oneof(known, ulid)).map(([authorization, id]): FuzzRequest => ({ method: 'POST', url: `/v1/scans/${id}/cancel`, headers: { authorization } }));
  // The body or its Content-Type missing, empty or mismatched.
  const createBroken = fc
    .tuple(auth, fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/json; charset=utf-8', ''), fc.constantFrom(undefined, '', '{"content":"x"}', 'plain words', ' '))
    .map(([authorization, type, payload]): FuzzRequest => ({
      method: 'POST',
      url: '/v1/scans',
      headers: { authorization, ...(type !== undefined ? { 'content-type': type } : {}) },
      payload,
    }));
  return fc.oneof(createJson, createText, createBroken, list, read, cancel);
}

/** Random requests: a third nearly valid, the rest anything, biased toward the documented routes. */
export function fuzzRequests(inputs: FuzzInputs): fc.Arbitrary<FuzzRequest> {
  return fc.oneof({ weight: 1, arbitrary: nearlyValid(inputs) }, { weight: 2, arbitrary: anyRequest(inputs) });
}

function anyRequest(inputs: FuzzInputs): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      method: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('GET', 'POST') }, { weight: 2, arbitrary: fc.constantFrom('HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS') }),
      path: paths(inputs),
      query,
      authorization: authorization(inputs),
      contentType: fc.option(contentType, { nil: undefined }),
      idempotencyKey: fc.option(fc.oneof(headerText, fc.constantFrom('', ' ', 'k'.repeat(256)), fc.uuid()), { nil: undefined }),
      requestId: fc.option(headerText, { nil: undefined }),
      accept: fc.option(fc.constantFrom('application/json', 'text/event-stream', 'text/html', '*/*', 'application/xml'), { nil: undefined }),
      payload: bodies(inputs),
    })
    .map((r) => {
      const headers: Record<string, string> = {};
      if (r.authorization !== undefined) headers.authorization = r.authorization;
      if (r.contentType !== undefined) headers['content-type'] = r.contentType;
      if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
      if (r.requestId !== undefined) headers['x-request-id'] = r.requestId;
      if (r.accept !== undefined) headers.accept = r.accept;
      return { method: r.method, url: `${r.path}${r.query}`, headers, payload: r.payload };
    });
}
