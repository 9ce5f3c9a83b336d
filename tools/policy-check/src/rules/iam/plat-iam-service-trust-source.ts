import { finding, type Rule } from '../../rule';
import { trustPolicies } from './identity-policies';

/**
 * Services whose guides document aws:SourceAccount / aws:SourceArn in the role trust policy (cross-
 * service confused deputy prevention). Amazon VPC user guide, "IAM role for publishing flow logs
 * to CloudWatch Logs".
 */
export const SOURCE_CONDITION_SERVICES: readonly string[] = ['vpc-flow-logs.amazonaws.com'];
const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid'];

export const serviceTrustSource: Rule = {
  id: 'PLAT_IAM_SERVICE_TRUST_SOURCE',
  title: 'Service role trust is limited by aws:SourceAccount or aws:SourceArn where the service documents it',
  severity: 'medium',
  category: 'least-privilege',
  references: {},
  remediation:
    'Add Condition { StringEquals = { "aws:SourceAccount" = "<account>" }, ArnLike = { "aws:SourceArn" = "arn:aws:ec2:<region>:<account>:vpc-flow-log/*" } } to the trust statement.',
  check: (stack) =>
    trustPolicies(stack).flatMap(({ declaredBy, document }) => {
      if (!document.parsed) return [];
      return document.statements
        .filter((statement) => statement.effect === 'Allow')
        .flatMap((statement) =>
          statement.principals
            .filter((p) => p.type === 'Service')
            .flatMap((p) => p.identifiers.filter((id) => SOURCE_CONDITION_SERVICES.includes(id)))
            .filter(() => !statement.conditions.some((c) => SOURCE_KEYS.includes(c.variable.toLowerCase())))
            .map((service) => finding(declaredBy, `trust for ${service} has no aws:SourceAccount or aws:SourceArn condition`)),
        );
    }),
};
