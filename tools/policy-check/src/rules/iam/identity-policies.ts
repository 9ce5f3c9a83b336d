/** Identity (role/user/group) policies of a stack, each with the block that declares it. */
import { readPolicyDocument, type PolicyDocument } from '../../documents/policy-document';
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';
import { blocks } from '../../terraform/values';

export interface IdentityPolicy {
  readonly declaredBy: TerraformBlock;
  /** `policy`, or `inline_policy[0].policy` for a role's inline policies. */
  readonly attribute: string;
  readonly document: PolicyDocument;
}

const POLICY_TYPES = ['aws_iam_role_policy', 'aws_iam_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

export function identityPolicies(stack: Stack): IdentityPolicy[] {
  const standalone = stack.ofType(...POLICY_TYPES).map((declaredBy) => ({
    declaredBy,
    attribute: 'policy',
    document: readPolicyDocument(stack, declaredBy.config['policy']),
  }));
  const inline = stack.ofType('aws_iam_role').flatMap((role) =>
    blocks(role.config['inline_policy'])
      .map((policy, index) => ({ policy, index }))
      .filter(({ policy }) => policy['policy'] !== undefined)
      .map(({ policy, index }) => ({
        declaredBy: role,
        attribute: `inline_policy[${index}].policy`,
        document: readPolicyDocument(stack, policy['policy']),
      })),
  );
  return [...standalone, ...inline];
}

/** Trust policies (`assume_role_policy`) of the stack's roles. */
export function trustPolicies(stack: Stack): IdentityPolicy[] {
  return stack.ofType('aws_iam_role').map((role) => ({
    declaredBy: role,
    attribute: 'assume_role_policy',
    document: readPolicyDocument(stack, role.config['assume_role_policy']),
  }));
}
