import { Type, type Static } from '@sinclair/typebox';

/** RFC 9457 problem details; every 4xx/5xx of the API has this shape, as `application/problem+json`. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ format: 'uri', description: 'Stable identifier of the problem kind' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', additionalProperties: true, description: 'application/problem+json (RFC 9457)' },
);
export type ProblemSchema = Static<typeof ProblemSchema>;
