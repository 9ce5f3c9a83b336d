import { finding, type Rule } from '../../rule';
import { identityPolicies } from './identity-policies';

/**
 * Actions that have no resource-level permissions, so Resource "*" is the only form AWS accepts.
 * Kept short and explicit: add an action only with the AWS service-authorization reference showing
 * "Resource types: none" for it.
 */
export const ACTIONS_WITHOUT_RESOURCE_SCOPE: readonly string[] = [
  'ecr:GetAuthorizationToken',
  'cloudwatch:PutMetricData',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
  'sts:GetCallerIdentity',
];

const ALLOWED = new Set(ACTIONS_WITHOUT_RESOURCE_SCOPE.map((action) => action.toLowerCase()));

export const noStarResource: Rule = {
  id: 'CKV_AWS_355',
  title: 'IAM policy uses Resource "*" only for actions that cannot be scoped',
  severity: 'high',
  category: 'least-privilege',
  references: { checkov: ['CKV_AWS_355'] },
  remediation:
    'Scope the statement to the exact ARNs (table, index, queue, key, log group); Resource "*" is kept for the actions in docs/policy.md\'s allow-list only.',
  check: (stack) =>
    identityPolicies(stack).flatMap(({ declaredBy, attribute, document }) =>
      document.parsed
        ? document.statements
            .filter((statement) => statement.effect === 'Allow' && statement.resources.includes('*'))
            .flatMap((statement) => {
              // Action "*" is CKV_AWS_63's finding.
              const scopable = statement.actions.filter((action) => action !== '*' && !ALLOWED.has(action.toLowerCase()));
              return scopable.length === 0
                ? []
                : [
                    finding(
                      declaredBy,
                      `${attribute} statement ${statement.sid ?? '(no Sid)'} allows ${scopable.join(', ')} on Resource "*"`,
                    ),
                  ];
            })
        : [],
    ),
};
