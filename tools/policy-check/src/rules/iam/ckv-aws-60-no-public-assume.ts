import { isPublicPrincipal } from '../../documents/policy-document';
import { finding, type Rule } from '../../rule';
import { trustPolicies } from './identity-policies';

export const noPublicAssumeRole: Rule = {
  id: 'CKV_AWS_60',
  title: 'IAM role trust policy does not allow Principal "*"',
  severity: 'critical',
  category: 'least-privilege',
  references: { checkov: ['CKV_AWS_60'] },
  remediation: 'Trust a specific service (ecs-tasks.amazonaws.com) or federated provider, never "*".',
  check: (stack) =>
    trustPolicies(stack).flatMap(({ declaredBy, document }) =>
      document.parsed
        ? document.statements
            .filter((statement) => statement.effect === 'Allow' && isPublicPrincipal(statement.principals))
            .map(() => finding(declaredBy, 'assume_role_policy lets any principal ("*") assume the role'))
        : [],
    ),
};
