import { finding, type Rule } from '../../rule';
import { grantsService, keyAllowStatements, referencedKey } from './key-policies';

const LOGS_PRINCIPAL = /^logs(\.[a-z0-9-]+)?\.amazonaws\.com$/;
const CONTEXT_KEY = 'kms:encryptioncontext:aws:logs:arn';

/**
 * A key CloudWatch Logs uses (a log group of the stack names it, or its policy grants the logs
 * principal) limits that grant with the `kms:EncryptionContext:aws:logs:arn` condition, as the
 * CloudWatch Logs user guide documents. `aws:SourceAccount` is not that condition: CloudWatch Logs
 * calls KMS with the log group ARN as encryption context.
 */
export const logsKeyEncryptionContext: Rule = {
  id: 'PLAT_KMS_LOGS_ENCRYPTION_CONTEXT',
  title: 'KMS key used by CloudWatch Logs limits the logs principal by the log group encryption context',
  severity: 'medium',
  category: 'encryption',
  references: { checkov: ['CKV_AWS_158'], trivy: ['AVD-AWS-0017'] },
  remediation:
    'Give the key policy statement for logs.<region>.amazonaws.com the condition ArnLike kms:EncryptionContext:aws:logs:arn = arn:aws:logs:<region>:<account>:log-group:* (or the log group ARNs).',
  check: (stack) => {
    const usedByLogGroups = new Set(
      stack
        .ofType('aws_cloudwatch_log_group')
        .map((group) => referencedKey(stack, group.config['kms_key_id'])?.address)
        .filter((address): address is string => address !== undefined),
    );
    return stack.ofType('aws_kms_key').flatMap((key) => {
      const statements = keyAllowStatements(stack, key);
      if (!statements) return [];
      const logs = statements.filter((statement) => grantsService(statement, LOGS_PRINCIPAL));
      if (logs.length === 0) {
        return usedByLogGroups.has(key.address) ? [finding(key, 'a log group is encrypted with this key but its policy does not grant CloudWatch Logs')] : [];
      }
      return logs
        .filter(
          (statement) =>
            !statement.conditions.some(
              (c) => /^(arnlike|arnequals)$/i.test(c.test) && c.variable.toLowerCase() === CONTEXT_KEY && c.values.length > 0,
            ),
        )
        .map((statement) =>
          finding(key, `statement ${statement.sid ?? '(no Sid)'} grants CloudWatch Logs without an ArnLike kms:EncryptionContext:aws:logs:arn condition`),
        );
    });
  },
};
