import { Type, type Static } from '@sinclair/typebox';

/**
 * The SARIF 2.1.0 log this API produces: a subset of the OASIS schema
 * (https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
 * with the properties GitHub code scanning reads. It documents the response in /openapi.json and
 * types the builder; tests validate the output against the official schema too.
 */
const Message = Type.Object({ text: Type.String() });
const MultiformatMessage = Type.Object({ text: Type.String(), markdown: Type.String() });
const Level = Type.Union([Type.Literal('note'), Type.Literal('warning'), Type.Literal('error')]);

export const SarifRule = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortDescription: Message,
  fullDescription: Message,
  help: MultiformatMessage,
  defaultConfiguration: Type.Object({ level: Level }),
  properties: Type.Object({
    tags: Type.Array(Type.String()),
    precision: Type.String(),
    'problem.severity': Type.String(),
    /** GitHub's 0.0-10.0 score, as a string: critical >= 9.0, high >= 7.0, medium >= 4.0, low below. */
    'security-severity': Type.String({ pattern: '^(10(\\.0)?|[0-9](\\.[0-9])?)$' }),
  }),
});
export type SarifRule = Static<typeof SarifRule>;

export const SarifRegion = Type.Object({
  startLine: Type.Integer({ minimum: 1 }),
  startColumn: Type.Integer({ minimum: 1 }),
  endLine: Type.Optional(Type.Integer({ minimum: 1 })),
  endColumn: Type.Optional(Type.Integer({ minimum: 1 })),
  byteOffset: Type.Integer({ minimum: 0 }),
  byteLength: Type.Integer({ minimum: 0 }),
});

export const SarifResult = Type.Object({
  ruleId: Type.String(),
  ruleIndex: Type.Integer({ minimum: 0 }),
  level: Level,
  message: Message,
  locations: Type.Array(
    Type.Object({
      physicalLocation: Type.Object({
        artifactLocation: Type.Object({ uri: Type.String(), index: Type.Integer({ minimum: 0 }) }),
        region: SarifRegion,
      }),
    }),
    { minItems: 1, maxItems: 1 },
  ),
  partialFingerprints: Type.Object({ primaryLocationLineHash: Type.String(), findingId: Type.String() }),
  properties: Type.Object({
    severity: Type.String(),
    confidence: Type.Number(),
    category: Type.String(),
    mappings: Type.Array(Type.Object({ framework: Type.String(), reference: Type.String(), title: Type.String() })),
  }),
});
export type SarifResult = Static<typeof SarifResult>;

export const SarifLog = Type.Object(
  {
    $schema: Type.String(),
    version: Type.Literal('2.1.0'),
    runs: Type.Array(
      Type.Object({
        tool: Type.Object({
          driver: Type.Object({ name: Type.String(), version: Type.String(), informationUri: Type.String(), rules: Type.Array(SarifRule) }),
        }),
        columnKind: Type.Literal('utf16CodeUnits'),
        artifacts: Type.Array(
          Type.Object({ location: Type.Object({ uri: Type.String() }), length: Type.Integer(), hashes: Type.Object({ 'sha-256': Type.String() }) }),
        ),
        results: Type.Array(SarifResult, { maxItems: 25_000 }),
        invocations: Type.Array(
          Type.Object({
            executionSuccessful: Type.Boolean(),
            startTimeUtc: Type.Optional(Type.String({ format: 'date-time' })),
            endTimeUtc: Type.Optional(Type.String({ format: 'date-time' })),
            toolExecutionNotifications: Type.Optional(Type.Array(Type.Object({ level: Level, message: Message, descriptor: Type.Object({ id: Type.String() }) }))),
          }),
        ),
        properties: Type.Object({
          scanId: Type.String(),
          /** True when results were capped at `reportedResults` (GitHub accepts at most 25,000 per run). */
          truncated: Type.Boolean(),
          totalResults: Type.Integer(),
          reportedResults: Type.Integer(),
        }),
      }),
      { minItems: 1, maxItems: 1 },
    ),
  },
  { $id: 'SarifLog', description: 'SARIF 2.1.0 log (application/sarif+json), as GitHub code scanning ingests it' },
);
export type SarifLog = Static<typeof SarifLog>;
