/**
 * A small model of IAM policy evaluation for tests: explicit Deny wins, then any Allow, else
 * implicit deny. Supports Action/NotAction, Resource/NotResource with `*`/`?` globs, and the
 * condition operators the CI roles use (StringEquals, StringLike, ArnLike; a missing key fails).
 */
import type { Json } from './support';

export interface Request {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string>>;
}

const glob = (pattern: string, value: string, caseInsensitive = false): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, caseInsensitive ? 'i' : '').test(value);
const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [String(v)]);

function conditionHolds(condition: Json, context: Readonly<Record<string, string>>): boolean {
  return Object.entries(condition ?? {}).every(([operator, pairs]) =>
    Object.entries(pairs as Record<string, unknown>).every(([key, expected]) => {
      const value = context[key];
      if (value === undefined) return false;
      if (operator === 'StringEquals') return list(expected).includes(value);
      if (operator === 'StringLike' || operator === 'ArnLike') return list(expected).some((p) => glob(p, value));
      throw new Error(`iam-evaluator: unsupported operator ${operator}`);
    }),
  );
}

function matches(statement: Json, request: Request): boolean {
  const actionOk = statement.NotAction
    ? !list(statement.NotAction).some((p) => glob(p, request.action, true))
    : list(statement.Action).some((p) => glob(p, request.action, true));
  const resourceOk = statement.NotResource
    ? !list(statement.NotResource).some((p) => glob(p, request.resource))
    : list(statement.Resource).some((p) => glob(p, request.resource));
  return actionOk && resourceOk && conditionHolds(statement.Condition, request.context ?? {});
}

export function decide(statements: readonly Json[], request: Request): 'allow' | 'deny' {
  if (statements.some((s) => s.Effect === 'Deny' && matches(s, request))) return 'deny';
  return statements.some((s) => s.Effect === 'Allow' && matches(s, request)) ? 'allow' : 'deny';
}

/** Models of the AWS managed policies the roles attach (what matters here: their breadth). */
export const MANAGED: Readonly<Record<string, readonly Json[]>> = {
  'arn:aws:iam::aws:policy/PowerUserAccess': [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }],
  'arn:aws:iam::aws:policy/ReadOnlyAccess': [{ Effect: 'Allow', Action: ['*:Get*', '*:List*', '*:Describe*', '*:Query', '*:Scan', '*:BatchGet*', 'logs:FilterLogEvents'], Resource: '*' }],
  'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess': [{ Effect: 'Allow', Action: ['*:List*', '*:Describe*'], Resource: '*' }],
};
