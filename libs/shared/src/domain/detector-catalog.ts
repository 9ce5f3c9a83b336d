import type { DetectorId, FindingCategory, Severity } from './scan';

export interface DetectorInfo {
  /** A short name for reports (SARIF rule name, UI labels). */
  title: string;
  category: FindingCategory;
  /** The severity of a typical match; a detector may lower it for one match (e.g. a documentation example). */
  severity: Severity;
}

/**
 * What every detector reports, for readers of findings that do not run the scanner (the API's
 * SARIF rules). The scanner's detectors carry the same category and severity; its tests hold
 * them equal.
 */
export const DETECTOR_CATALOG: Readonly<Record<DetectorId, DetectorInfo>> = {
  'aws-access-key-id': { title: 'AWS access key id', category: 'secret', severity: 'high' },
  'aws-secret-access-key': { title: 'AWS secret access key', category: 'secret', severity: 'critical' },
  'github-token': { title: 'GitHub token', category: 'secret', severity: 'critical' },
  'slack-token': { title: 'Slack API token', category: 'secret', severity: 'high' },
  'slack-webhook': { title: 'Slack incoming webhook URL', category: 'secret', severity: 'high' },
  'stripe-key': { title: 'Stripe secret or restricted key', category: 'secret', severity: 'critical' },
  'google-api-key': { title: 'Google API key', category: 'secret', severity: 'high' },
  'private-key': { title: 'Private key block', category: 'secret', severity: 'critical' },
  jwt: { title: 'JSON Web Token', category: 'secret', severity: 'high' },
  'database-url': { title: 'Database URL with a password', category: 'secret', severity: 'critical' },
  'generic-secret-assignment': { title: 'Secret assigned in configuration', category: 'secret', severity: 'high' },
  'high-entropy-secret': { title: 'High-entropy secret', category: 'secret', severity: 'medium' },
  email: { title: 'Email address', category: 'personal-data', severity: 'medium' },
  'phone-number': { title: 'Phone number', category: 'personal-data', severity: 'medium' },
  'payment-card': { title: 'Payment card number', category: 'personal-data', severity: 'high' },
  iban: { title: 'IBAN', category: 'personal-data', severity: 'high' },
  'us-ssn': { title: 'US Social Security number', category: 'personal-data', severity: 'critical' },
  'ip-address': { title: 'IP address', category: 'personal-data', severity: 'medium' },
};
