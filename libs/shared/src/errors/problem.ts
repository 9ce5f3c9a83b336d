/**
 * RFC 9457 problem details. `type` URIs are stable identifiers clients may switch on;
 * they are documented in docs/api.md.
 */
export const PROBLEM_BASE_URI = 'https://docscan.example.com/problems/';

export const PROBLEM_TYPES = {
  validation: 400,
  'invalid-cursor': 400,
  'invalid-utf8': 400,
  unauthorized: 401,
  'not-found': 404,
  'method-not-allowed': 405,
  'not-acceptable': 406,
  conflict: 409,
  'idempotency-key-reused': 422,
  'invalid-state': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'uri-too-long': 414,
  'headers-too-large': 431,
  'rate-limited': 429,
  'service-unavailable': 503,
  internal: 500,
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/** An error that knows how to render itself as problem+json. */
export class ProblemError extends Error {
  readonly status: number;

  constructor(
    readonly problemType: ProblemType,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.name = 'ProblemError';
    this.status = PROBLEM_TYPES[problemType];
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      type: problemTypeUri(this.problemType),
      title: this.title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export function problemTypeUri(type: ProblemType): string {
  return `${PROBLEM_BASE_URI}${type}`;
}

export const problems = {
  validation: (detail: string, extensions?: Record<string, unknown>) =>
    new ProblemError('validation', 'Request is invalid', detail, extensions),
  notFound: (detail: string) => new ProblemError('not-found', 'Not found', detail),
  unauthorized: (detail: string) => new ProblemError('unauthorized', 'Authentication required', detail),
  invalidState: (detail: string) => new ProblemError('invalid-state', 'Scan is not in a state that allows this', detail),
  unavailable: (detail: string, cause?: unknown) =>
    new ProblemError('service-unavailable', 'Service temporarily unavailable', detail, {}, { cause }),
};
