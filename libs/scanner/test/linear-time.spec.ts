import type { DetectorId } from '@platform/shared';
import { DETECTORS, scanDocument } from '../src';

// "Does not hang" checks, not benchmarks: each detector gets 200 KB runs of the characters it
// matches. A backtracking (super-linear) pattern takes minutes on these; a linear one milliseconds.
// The bound is deliberately generous so slow CI machines never flake.
const SIZE = 200 * 1024;
const LIMIT_MS = 2000;

const fill = (unit: string): string => unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);

const GENERIC_INPUTS = ['a', '0', '-', '@', '.', ':', ' ', '=', '/', '+', 'A', 'a1', '0-', '0 ', '1.'];
const TARGETED: Record<DetectorId, string[]> = {
  'aws-access-key-id': ['AKIA', 'ASIA2', 'AKIAAAAAAAAAAAAAAAAA '],
  'aws-secret-access-key': ['aws_secret=', 'aws_secret_access_key = ', 'awssecret'],
  'github-token': ['ghp_', 'github_pat_', 'ghp_a'],
  'slack-token': ['xoxb-', 'xoxb-1-', 'xoxb-123456-'],
  'slack-webhook': ['https://hooks.slack.com/services/T', 'https://hooks.slack.com/services/TAAAAAAAA/B'],
  'stripe-key': ['sk_live_', 'sk_live_a', 'rk_test_'],
  'google-api-key': ['AIza', 'AIza-'],
  'private-key': ['-----BEGIN RSA PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----\nAAAA\n', '-----'],
  jwt: ['ey', 'eyJ.', 'eyJhbGciOiJIUzI1NiJ9.eyJ', 'eyJ.eyJ.'],
  'database-url': ['postgres://', 'postgres://a:', 'mysql://a:b', 'redis://:a'],
  'generic-secret-assignment': ['password', 'password=', 'password = "', 'secret:', 'token'],
  'high-entropy-secret': ['token ', 'secret aB3', 'secret=aB3+/'],
  email: ['a@', 'a.', 'a@a.', '@a', 'a-@'],
  'phone-number': ['+1 ', '+1', '(555) ', '555-', '0 ', '01 '],
  'payment-card': ['4', '4 ', '4-', '4111 '],
  iban: ['GB82', 'GB82 ', 'DE', 'A1 '],
  'us-ssn': ['123-', '12-', '512-34-'],
  'ip-address': ['1.', '255.', '1:', 'a:', 'ff::', '1.1.1.'],
};

describe.each(Object.keys(DETECTORS) as DetectorId[])('%s on adversarial input', (id) => {
  it.each([...GENERIC_INPUTS, ...TARGETED[id]].map((unit) => [JSON.stringify(unit).slice(0, 40), unit]))(
    'finishes on 200 KB of %s',
    (_, unit) => {
      const text = fill(unit);
      const started = performance.now();
      scanDocument(text, { framework: 'gdpr', detectors: [id] });
      expect(performance.now() - started).toBeLessThan(LIMIT_MS);
    },
  );
});

it('scans a 1 MB mix of every adversarial input with all detectors without hanging', () => {
  const units = Object.values(TARGETED).flat();
  const text = units.map((u) => u.repeat(Math.ceil(1024 / u.length))).join('\n').repeat(4);
  const started = performance.now();
  scanDocument(text, { framework: 'gdpr' });
  expect(performance.now() - started).toBeLessThan(LIMIT_MS * 5);
});
