import type { PolicyDocument } from './service-task';

/** The action the ECS agent calls to read a container secret. */
export function secretReadAction(valueFrom: string): string {
  return valueFrom.startsWith('arn:') && valueFrom.split(':')[2] === 'secretsmanager' ? 'secretsmanager:GetSecretValue' : 'ssm:GetParameters';
}

/** IAM wildcard match: `*` any run of characters, `?` one; actions are case-insensitive. */
function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(value);
}

const list = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

/**
 * Whether the policies allow `action` on `resource` (an explicit Deny wins), the way IAM evaluates
 * identity policies for one request without conditions.
 */
export function policiesAllow(policies: readonly PolicyDocument[], action: string, resource: string): boolean {
  const statements = policies.flatMap((policy) => policy.Statement).filter((statement) =>
    list(statement.Action).some((pattern) => wildcardMatches(pattern, action, true)) && list(statement.Resource).some((pattern) => wildcardMatches(pattern, resource)),
  );
  return statements.some((s) => s.Effect === 'Allow') && !statements.some((s) => s.Effect === 'Deny');
}
