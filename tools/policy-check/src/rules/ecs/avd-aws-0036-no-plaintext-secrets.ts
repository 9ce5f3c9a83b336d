import { finding, type Rule } from '../../rule';
import { taskContainers } from './task-containers';

/**
 * Names that say "this is a credential". Identifiers of a credential (`..._KEY_ID`, `..._ARN`,
 * `..._NAME`) are not secrets and pass; the value itself must come from `secrets`.
 */
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIALS?|PRIVATE_KEY|ACCESS_KEY|API_KEY|KEY|PEPPER|SALT)(_|$)/i;
const IDENTIFIER_SUFFIX = /_(ID|ARN|NAME|URL|PATH|TTL|HEADER|PREFIX)$/i;

export function looksLikeSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !IDENTIFIER_SUFFIX.test(name);
}

export const containerNoPlaintextSecrets: Rule = {
  id: 'AVD-AWS-0036',
  title: 'Container environment has no plaintext secret-like variables',
  severity: 'critical',
  category: 'containers',
  references: { trivy: ['AVD-AWS-0036'] },
  remediation:
    'Move the variable from environment to secrets (valueFrom a Secrets Manager secret or SSM SecureString parameter ARN).',
  check: (stack) =>
    taskContainers(stack).flatMap(({ task, container }) =>
      container.environment
        .filter((variable) => looksLikeSecretName(variable.name))
        .map((variable) => finding(task, `container "${container.name}" sets ${variable.name} in plaintext environment`)),
    ),
};
