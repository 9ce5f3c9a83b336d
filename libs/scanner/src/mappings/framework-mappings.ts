import type { DetectorId, Framework, FrameworkMapping } from '@platform/shared';

type Reference = Omit<FrameworkMapping, 'framework'>;

// The one table of legal references. GDPR articles are from Regulation (EU) 2016/679; CCPA sections
// from Cal. Civ. Code Title 1.81.5 as amended by the CPRA (1798.140(v) "personal information",
// 1798.140(ae) "sensitive personal information", 1798.100(e) reasonable security, 1798.150 breaches).

const GDPR_SECURITY: Reference = { reference: 'Art. 32', title: 'Security of processing' };
const GDPR_INTEGRITY: Reference = { reference: 'Art. 5(1)(f)', title: 'Integrity and confidentiality' };
const GDPR_PERSONAL_DATA: Reference = { reference: 'Art. 4(1)', title: "Definition of 'personal data'" };
const GDPR_ONLINE_IDENTIFIER: Reference = {
  reference: 'Recital 30',
  title: 'Online identifiers (IP addresses) as personal data',
};
const GDPR_NATIONAL_ID: Reference = {
  reference: 'Art. 87',
  title: 'Processing of the national identification number',
};

const CCPA_SECURITY: Reference = { reference: '1798.100(e)', title: 'Reasonable security procedures and practices' };
const CCPA_BREACH: Reference = { reference: '1798.150', title: 'Personal information security breaches' };
const CCPA_PERSONAL_INFORMATION: Reference = {
  reference: '1798.140(v)',
  title: "Definition of 'personal information'",
};
const CCPA_SENSITIVE: Reference = {
  reference: '1798.140(ae)',
  title: "Definition of 'sensitive personal information'",
};

const SECRET: Record<Framework, Reference[]> = {
  gdpr: [GDPR_SECURITY, GDPR_INTEGRITY],
  ccpa: [CCPA_SECURITY, CCPA_BREACH],
};
const CONTACT_DATA: Record<Framework, Reference[]> = {
  gdpr: [GDPR_PERSONAL_DATA],
  ccpa: [CCPA_PERSONAL_INFORMATION],
};
const FINANCIAL_DATA: Record<Framework, Reference[]> = {
  gdpr: [GDPR_PERSONAL_DATA, GDPR_SECURITY],
  ccpa: [CCPA_SENSITIVE, CCPA_BREACH],
};

export const FRAMEWORK_MAPPINGS: Readonly<Record<DetectorId, Record<Framework, Reference[]>>> = {
  'aws-access-key-id': SECRET,
  'aws-secret-access-key': SECRET,
  'github-token': SECRET,
  'slack-token': SECRET,
  'slack-webhook': SECRET,
  'stripe-key': SECRET,
  'google-api-key': SECRET,
  'private-key': SECRET,
  jwt: SECRET,
  'database-url': SECRET,
  'generic-secret-assignment': SECRET,
  'high-entropy-secret': SECRET,
  email: CONTACT_DATA,
  'phone-number': CONTACT_DATA,
  'payment-card': FINANCIAL_DATA,
  iban: FINANCIAL_DATA,
  'us-ssn': {
    gdpr: [GDPR_PERSONAL_DATA, GDPR_NATIONAL_ID],
    ccpa: [CCPA_SENSITIVE, CCPA_BREACH],
  },
  'ip-address': {
    gdpr: [GDPR_PERSONAL_DATA, GDPR_ONLINE_IDENTIFIER],
    ccpa: [CCPA_PERSONAL_INFORMATION],
  },
};

/** The mappings of one detector for one framework (fresh objects: callers may keep them). */
export function mappingsFor(detectorId: DetectorId, framework: Framework): FrameworkMapping[] {
  return FRAMEWORK_MAPPINGS[detectorId][framework].map((ref) => ({ framework, ...ref }));
}
