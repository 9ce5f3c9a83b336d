import { Type, type Static } from '@sinclair/typebox';
import { DETECTOR_IDS, FINDING_CATEGORIES, FRAMEWORKS, SCAN_ID_PATTERN, SCAN_STATUSES, SEVERITIES } from '@platform/shared';

/** A string enum rendered as JSON Schema `enum` (clear validation messages, clean OpenAPI). */
const literals = <T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const FrameworkSchema = literals(FRAMEWORKS);
export const DetectorIdSchema = literals(DETECTOR_IDS);
export const ScanStatusSchema = literals(SCAN_STATUSES);

export const CreateScanJsonBody = Type.Object(
  {
    content: Type.String({ minLength: 1, description: 'The document text (UTF-8).' }),
    framework: Type.Optional(FrameworkSchema),
    detectors: Type.Optional(Type.Array(DetectorIdSchema, { minItems: 1, maxItems: DETECTOR_IDS.length, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type CreateScanJsonBody = Static<typeof CreateScanJsonBody>;

export const CreateScanTextBody = Type.String({ minLength: 1, description: 'The document as text/plain; options go in the query string.' });

export const CreateScanQuery = Type.Object(
  {
    framework: Type.Optional({ ...FrameworkSchema, description: 'text/plain bodies only (default gdpr); with a JSON body this parameter is a 400: put it in the body.' }),
    detectors: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9-]+(,[a-z0-9-]+)*$',
        maxLength: 512,
        description:
          `text/plain bodies only; with a JSON body this parameter is a 400. Comma-separated detector ids, each one of: ${DETECTOR_IDS.join(', ')}. ` +
          'Duplicates are ignored; an unknown id is a 400. Absent: every detector.',
        'x-enum': [...DETECTOR_IDS],
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateScanQuery = Static<typeof CreateScanQuery>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' })),
});

export const ScanIdParams = Type.Object({
  id: Type.String({ pattern: SCAN_ID_PATTERN, description: 'Scan id (ULID)' }),
});
export type ScanIdParams = Static<typeof ScanIdParams>;

const SummarySchema = Type.Object({
  total: Type.Integer(),
  bySeverity: Type.Object(Object.fromEntries(SEVERITIES.map((s) => [s, Type.Integer()]))),
  byCategory: Type.Object(Object.fromEntries(FINDING_CATEGORIES.map((c) => [c, Type.Integer()]))),
});

export const ScanView = Type.Object(
  {
    id: Type.String(),
    status: ScanStatusSchema,
    framework: FrameworkSchema,
    detectors: Type.Array(DetectorIdSchema, { description: 'Empty means every detector.' }),
    sizeBytes: Type.Integer(),
    contentSha256: Type.String(),
    attempts: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    startedAt: Type.Optional(Type.String({ format: 'date-time' })),
    finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
    durationMs: Type.Optional(Type.Integer({ description: 'finishedAt - startedAt' })),
    reason: Type.Optional(Type.String()),
    summary: Type.Optional(SummarySchema),
    links: Type.Object({ self: Type.String(), findings: Type.String(), report: Type.String(), events: Type.String() }),
  },
  { $id: 'Scan' },
);
export type ScanView = Static<typeof ScanView>;

export const ListScansQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'Opaque: pass a previous page\'s `nextCursor` unchanged. It is signed (base64url payload, a dot, an HMAC) and bound to the tenant and to this listing (and its status filter); an edited, foreign or stale-format cursor is a 400 `invalid-cursor`.' })),
    status: Type.Optional(ScanStatusSchema),
  },
  { additionalProperties: false },
);
export type ListScansQuery = Static<typeof ListScansQuery>;

export const ScanList = Type.Object({
  items: Type.Array(ScanView),
  nextCursor: Type.Optional(Type.String({ description: 'Pass as `cursor` for the next page; absent on the last page.' })),
});

const MappingSchema = Type.Object({ framework: FrameworkSchema, reference: Type.String(), title: Type.String() });

export const FindingView = Type.Object(
  {
    findingId: Type.String(),
    detectorId: DetectorIdSchema,
    category: literals(FINDING_CATEGORIES),
    severity: literals(SEVERITIES),
    confidence: Type.Number(),
    location: Type.Object({
      line: Type.Integer({ minimum: 1, description: '1-based line of the first character' }),
      column: Type.Integer({ minimum: 1, description: '1-based column, in Unicode code points' }),
      endLine: Type.Optional(Type.Integer({ minimum: 1, description: 'Line where the match ends' })),
      endColumn: Type.Optional(Type.Integer({ minimum: 1, description: 'Column just after the match, in code points' })),
      utf16Column: Type.Optional(Type.Integer({ minimum: 1, description: '`column` in UTF-16 code units (JavaScript string index + 1)' })),
      utf16EndColumn: Type.Optional(Type.Integer({ minimum: 1, description: '`endColumn` in UTF-16 code units' })),
      startByte: Type.Integer({ minimum: 0, description: 'UTF-8 byte offset of the match in the document as received' }),
      endByte: Type.Integer({ minimum: 0, description: 'UTF-8 byte offset just after the match' }),
    }),
    redacted: Type.String({ description: 'The match with its secret part masked; the raw value is never stored.' }),
    mappings: Type.Array(MappingSchema),
  },
  { $id: 'Finding' },
);

export const FindingsQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'Opaque: pass a previous page\'s `nextCursor` unchanged. It is signed (base64url payload, a dot, an HMAC) and bound to the tenant and to this listing (and its status filter); an edited, foreign or stale-format cursor is a 400 `invalid-cursor`.' })),
  },
  { additionalProperties: false },
);
export type FindingsQuery = Static<typeof FindingsQuery>;

export const FindingList = Type.Object({ items: Type.Array(FindingView), nextCursor: Type.Optional(Type.String()) });

/**
 * A relative path with `/` separators: no leading `/` or `\`, no `.` or `..` segment, no empty
 * segment or trailing `/`, no `\`, `:`, `?`, `#` or control characters (so no scheme or drive either).
 */
const ARTIFACT_PATH = /^(?![/\\])(?!.*(?:^|\/)\.{1,2}(?:\/|$))(?!.*\/\/)(?!.*\/$)[^\\:?#\p{Cc}]+$/u;

export const ReportQuery = Type.Object(
  {
    format: Type.Optional(Type.Unsafe<'json' | 'sarif'>({ type: 'string', enum: ['json', 'sarif'], default: 'json' })),
    path: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1024,
        pattern: ARTIFACT_PATH.source,
        description:
          'SARIF only: the document\'s path relative to the repository root (e.g. `src/config.yml`), used as the artifact URI so code scanning ' +
          'places the results on that file. Relative, `/`-separated, no `.`/`..` segments, at most 1024 characters. Default: `scans/<id>.txt`.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportQuery>;

export const JsonReport = Type.Object({ scan: ScanView, findings: Type.Array(FindingView) }, { $id: 'Report' });
export type JsonReport = Static<typeof JsonReport>;

export const AcceptedScan = Type.Object({
  id: Type.String(),
  status: ScanStatusSchema,
  createdAt: Type.String({ format: 'date-time' }),
  links: Type.Object({ self: Type.String(), events: Type.String() }),
});
