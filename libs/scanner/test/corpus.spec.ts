import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DetectorId } from '@platform/shared';
import { scanDocument } from '../src';
import { FixtureBuilder, fill, groupBy4 } from './corpus/fixtures';
import { expectNotLeaked, textAt } from './helpers';

const CORPUS = join(__dirname, 'corpus');

describe('true-positive corpus', () => {
  const f = new FixtureBuilder(2026);
  const values: Record<string, { value: string; detector: DetectorId }> = {
    AWS_ACCESS_KEY_ID: { value: f.awsAccessKeyId(), detector: 'aws-access-key-id' },
    AWS_SECRET_ACCESS_KEY: { value: f.awsSecretAccessKey(), detector: 'aws-secret-access-key' },
    GITHUB_CLASSIC: { value: f.githubClassic(), detector: 'github-token' },
    GITHUB_FINE_GRAINED: { value: f.githubFineGrained(), detector: 'github-token' },
    SLACK_TOKEN: { value: f.slackToken(), detector: 'slack-token' },
    SLACK_WEBHOOK: { value: f.slackWebhook(), detector: 'slack-webhook' },
    STRIPE_LIVE: { value: f.stripeKey(), detector: 'stripe-key' },
    GOOGLE_API_KEY: { value: f.googleApiKey(), detector: 'google-api-key' },
    PRIVATE_KEY: { value: f.privateKey('OPENSSH'), detector: 'private-key' },
    JWT: { value: f.jwt(), detector: 'jwt' },
    DATABASE_URL: { value: f.databaseUrl('mongodb+srv').replace(/\/app$/, ''), detector: 'database-url' },
    PASSWORD: { value: f.password(20), detector: 'generic-secret-assignment' },
    OPAQUE_BEARER: { value: f.opaqueKey(40), detector: 'high-entropy-secret' },
    EMAIL: { value: 'hans.mueller@acme-gmbh.de', detector: 'email' },
    PHONE_INTL: { value: '+49 30 901820', detector: 'phone-number' },
    PHONE_US: { value: '(415) 555-2671', detector: 'phone-number' },
    CARD_VISA: { value: groupBy4(f.cardNumber('4', 16)), detector: 'payment-card' },
    CARD_AMEX: { value: f.cardNumber('34', 15), detector: 'payment-card' },
    IBAN: { value: groupBy4(f.iban('DE', '370400440532013000')), detector: 'iban' },
    SSN: { value: f.ssn(), detector: 'us-ssn' },
    IPV4_PUBLIC: { value: '81.2.69.160', detector: 'ip-address' },
    IPV6_PUBLIC: { value: '2a00:1450:4001:81c::200e', detector: 'ip-address' },
  };
  const template = readFileSync(join(CORPUS, 'true-positives.txt'), 'utf8');
  const text = fill(template, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.value])));
  const findings = scanDocument(text, { framework: 'gdpr' });

  it.each(Object.entries(values))('finds {{%s}} at its exact byte offsets', (_, { value, detector }) => {
    const finding = findings.find((x) => x.detectorId === detector && textAt(text, x) === value);
    const index = text.indexOf(value);
    expect(finding?.location.startByte).toBe(Buffer.byteLength(text.slice(0, index)));
    expect(finding?.location.line).toBe(text.slice(0, index).split('\n').length);
  });

  it('finds nothing else, and no raw value survives in the findings', () => {
    expect(findings).toHaveLength(Object.keys(values).length);
    const secretValues = Object.values(values)
      .map((v) => v.value)
      .filter((v) => v.length >= 12);
    expectNotLeaked(findings, ...secretValues);
  });
});

describe('false-positive corpus', () => {
  const dir = join(CORPUS, 'false-positives');
  it.each(readdirSync(dir))('%s yields no findings', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(scanDocument(text, { framework: 'gdpr' }).map((x) => `${x.detectorId}@${x.location.line}`)).toEqual([]);
  });

  it("AWS's documentation key id is reported at low confidence only", () => {
    const f = new FixtureBuilder(1);
    const findings = scanDocument(`# from the AWS docs\naws_access_key_id = ${f.awsDocumentationKeyId()}`, {
      framework: 'gdpr',
    });
    expect(findings.map((x) => [x.detectorId, x.confidence, x.severity])).toEqual([['aws-access-key-id', 0.1, 'low']]);
  });
});
