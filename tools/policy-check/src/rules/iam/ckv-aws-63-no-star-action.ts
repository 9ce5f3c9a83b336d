import { finding, type Rule } from '../../rule';
import { identityPolicies } from './identity-policies';

export const noStarAction: Rule = {
  id: 'CKV_AWS_63',
  title: 'IAM policy does not allow Action "*"',
  severity: 'critical',
  category: 'least-privilege',
  references: { checkov: ['CKV_AWS_63', 'CKV_AWS_62'] },
  remediation: 'List the exact actions the principal needs (dynamodb:GetItem, sqs:ReceiveMessage...), never "*".',
  check: (stack) =>
    identityPolicies(stack).flatMap(({ declaredBy, attribute, document }) =>
      document.parsed
        ? document.statements
            .filter((statement) => statement.effect === 'Allow' && statement.actions.includes('*'))
            .map((statement) =>
              finding(declaredBy, `${attribute} statement ${statement.sid ?? '(no Sid)'} allows Action "*"`),
            )
        : [],
    ),
};
