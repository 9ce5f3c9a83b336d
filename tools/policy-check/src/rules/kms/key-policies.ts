/** KMS key policy helpers shared by the key rules. */
import { readPolicyDocument, type PolicyStatement } from '../../documents/policy-document';
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';

/** Allow statements of the key's policy, or undefined when the policy cannot be read (PLAT_UNREADABLE_DOCUMENT's finding). */
export function keyAllowStatements(stack: Stack, key: TerraformBlock): PolicyStatement[] | undefined {
  const document = readPolicyDocument(stack, key.config['policy']);
  return document.parsed ? document.statements.filter((statement) => statement.effect === 'Allow') : undefined;
}

/** Statements whose Service principal matches `service` (a pattern for the principal name). */
export function grantsService(statement: PolicyStatement, service: RegExp): boolean {
  return statement.principals.some((p) => p.type === 'Service' && p.identifiers.some((id) => service.test(id)));
}

/** True when one of `patterns` (IAM action globs: `kms:Decrypt*`, `kms:*`, `*`) matches `action`. */
export function allowsAction(patterns: readonly string[], action: string): boolean {
  return patterns.some((pattern) => {
    const regex = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i');
    return regex.test(action);
  });
}

/** The aws_kms_key of this stack that `value` (a key ARN or id reference) points at. */
export function referencedKey(stack: Stack, value: unknown): TerraformBlock | undefined {
  return stack.referenced(value, 'aws_kms_key', ['arn', 'key_id', 'id']);
}
