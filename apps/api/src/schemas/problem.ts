import { Type } from '@sinclair/typebox';

/** RFC 9457 problem details; every 4xx/5xx of the API has this shape. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri', description: 'Stable identifier of the problem kind' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', additionalProperties: true, description: 'application/problem+json (RFC 9457)' },
);

/** Responses every authenticated route can return. */
export function problemResponses(...codes: number[]): Record<number, typeof ProblemSchema> {
  return Object.fromEntries(codes.map((code) => [code, ProblemSchema]));
}
