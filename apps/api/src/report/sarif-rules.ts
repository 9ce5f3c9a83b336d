import { DETECTOR_CATALOG, DETECTOR_IDS, type DetectorId, type FindingCategory, type Severity } from '@platform/shared';
import type { SarifRule } from './sarif-schema';

export const SARIF_LEVEL: Record<Severity, 'note' | 'warning' | 'error'> = {
  low: 'note',
  medium: 'warning',
  high: 'error',
  critical: 'error',
};

/** GitHub maps `security-severity` to its buckets: >= 9.0 critical, >= 7.0 high, >= 4.0 medium, else low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { low: '3.0', medium: '5.5', high: '8.0', critical: '9.5' };

const ADVICE: Record<FindingCategory, { text: string; markdown: string }> = {
  secret: {
    text: 'Treat the credential as exposed: revoke or rotate it at its issuer, then remove it from the document and from any copies. Keep secrets in a secret manager and reference them instead.',
    markdown:
      '**Treat the credential as exposed.**\n\n1. Revoke or rotate it at its issuer.\n2. Remove it from the document and from any copies or history.\n3. Keep secrets in a secret manager and reference them instead of writing them down.',
  },
  'personal-data': {
    text: 'Check that this personal data needs to be in the document. If not, remove or redact it; if so, make sure its processing has a legal basis and the document is protected accordingly.',
    markdown:
      '**Personal data found.**\n\n- If the document does not need it, remove or redact it.\n- If it does, make sure its processing has a legal basis (GDPR Art. 6, CCPA notice) and that access to the document is restricted.',
  },
};

/** PascalCase of the detector id, as SARIF `name`s usually are ("aws-access-key-id" -> "AwsAccessKeyId"). */
function ruleName(id: DetectorId): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, c: string) => c.toUpperCase());
}

function rule(id: DetectorId): SarifRule {
  const { title, category, severity } = DETECTOR_CATALOG[id];
  const kind = category === 'secret' ? 'secret' : 'personal data';
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: `${title} in document` },
    fullDescription: { text: `The document contains what the ${id} detector recognises as ${kind}: ${title.toLowerCase()}. Matches are validated (checksums, formats) where the format allows.` },
    help: {
      text: `${title}. ${ADVICE[category].text}`,
      markdown: `### ${title}\n\n${ADVICE[category].markdown}`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
    properties: {
      tags: ['security', category, kind === 'secret' ? 'external/cwe/cwe-798' : 'privacy'],
      precision: 'high',
      'problem.severity': severity === 'low' ? 'recommendation' : severity === 'medium' ? 'warning' : 'error',
      'security-severity': SECURITY_SEVERITY[severity],
    },
  };
}

/** One rule per detector, in DETECTOR_IDS order (results refer to them by `ruleIndex`). */
export const SARIF_RULES: readonly SarifRule[] = DETECTOR_IDS.map(rule);
