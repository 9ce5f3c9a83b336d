import { finding, type Rule } from '../../rule';
import { isTrue } from '../../terraform/values';

export const tableDeletionProtection: Rule = {
  id: 'PLAT_DDB_DELETION_PROTECTION',
  title: 'DynamoDB table has deletion protection outside dev',
  severity: 'high',
  category: 'resilience',
  references: {},
  remediation: 'Set deletion_protection_enabled = true on the table (the environment config turns it off for dev only).',
  check: (stack) => {
    if (stack.environment.kind === 'dev') return [];
    return stack
      .ofType('aws_dynamodb_table')
      .filter((table) => !isTrue(table.config['deletion_protection_enabled']))
      .map((table) =>
        finding(table, `deletion_protection_enabled is not true in environment ${stack.environment.kind} (from ${stack.environment.source})`),
      );
  },
};
