import { Type, type TSchema } from '@sinclair/typebox';
import { ProblemSchema } from './problem';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Response headers, as the OpenAPI document states them; each is sent on every answer it is listed for. */
export const HEADERS = {
  'retry-after': Type.Integer({ minimum: 0, description: 'Seconds to wait before retrying (for a rate limit: until its window resets)' }),
  'www-authenticate': Type.String({ description: 'RFC 6750 challenge: `Bearer realm="docscan"`, with `error` and `error_description` when a credential was sent and refused' }),
  'x-ratelimit-limit': Type.Integer({ minimum: 0, description: 'Requests allowed per window (per API key; per client address for unknown keys)' }),
  'x-ratelimit-remaining': Type.Integer({ minimum: 0, description: 'Requests left in the current window' }),
  'x-ratelimit-reset': Type.Integer({ minimum: 0, description: 'Seconds until the window resets' }),
  location: Type.String({ description: 'URL of the scan' }),
  allow: Type.String({ description: 'Methods the path supports, e.g. `GET, HEAD`' }),
} as const;
type HeaderName = keyof typeof HEADERS;

const RATE_LIMIT: HeaderName[] = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'];

function headers(names: readonly HeaderName[]) {
  return Object.fromEntries(names.map((name) => [name, HEADERS[name]]));
}

const PROBLEMS: Record<number, { description: string; headers?: HeaderName[] }> = {
  400: { description: 'The request is invalid (parameters, body, encoding, cursor); `errors` lists each problem where there are several' },
  401: { description: 'No or no valid API key', headers: ['www-authenticate'] },
  404: { description: 'No such scan for this tenant' },
  405: { description: 'The path does not support this method; `Allow` lists those it does', headers: ['allow'] },
  409: { description: 'The scan is not in a state that allows this' },
  413: { description: 'The document is larger than the limit' },
  414: { description: 'The request target is longer than 8,192 bytes' },
  415: { description: 'The body is neither application/json nor text/plain' },
  422: { description: 'The Idempotency-Key was used with a different request' },
  429: { description: 'Rate limited, per API key or (for unknown keys) per client address', headers: ['retry-after', ...RATE_LIMIT] },
  500: { description: 'Unexpected error (logged; the body says nothing of the cause)' },
  503: { description: 'A dependency is unavailable, the server is shedding load or shutting down', headers: ['retry-after'] },
};

/** Problem responses of an operation, each documented as application/problem+json with its headers. */
export function problemResponses(...codes: number[]) {
  return Object.fromEntries(
    codes.map((code) => {
      const { description, headers: names = [] } = PROBLEMS[code];
      return [code, { description, ...(names.length ? { headers: headers(names) } : {}), content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } } }];
    }),
  );
}

/** The errors every authenticated, rate-limited route can answer, plus `extra` (e.g. 404, 409). */
export function scanRouteProblems(...extra: number[]) {
  return problemResponses(...[400, 401, ...extra, 414, 429, 500, 503].sort((a, b) => a - b));
}

/** A success response of a rate-limited route: the body schema per media type, and the rate-limit headers. */
export function rateLimitedResponse(description: string, content: Record<string, TSchema>, extraHeaders: HeaderName[] = []) {
  return {
    description,
    headers: headers([...RATE_LIMIT, ...extraHeaders]),
    content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }])),
  };
}
