import { githubChecksumValid } from '../../src/detectors/github-token';
import { FixtureBuilder } from '../corpus/fixtures';
import { expectNotLeaked, scanWith, textAt } from '../helpers';

const f = new FixtureBuilder(7);

describe('aws-access-key-id', () => {
  it('finds AKIA and ASIA key ids and keeps only the prefix', () => {
    const akia = f.awsAccessKeyId('AKIA');
    const asia = f.awsAccessKeyId('ASIA');
    const text = `key=${akia}\nsession ${asia}`;
    const findings = scanWith('aws-access-key-id', text);
    expect(findings.map((x) => textAt(text, x))).toEqual([akia, asia]);
    expect(findings[0]).toMatchObject({ severity: 'high', confidence: 0.9, redacted: `AKIA${'*'.repeat(16)}` });
    expectNotLeaked(findings, akia, asia);
  });

  it('keeps documentation keys (…EXAMPLE) at low confidence and severity instead of alerting', () => {
    const [finding] = scanWith('aws-access-key-id', `aws_access_key_id=${f.awsDocumentationKeyId()}`);
    expect(finding).toMatchObject({ confidence: 0.1, severity: 'low' });
  });

  it('ignores ids inside longer words and other AWS id prefixes', () => {
    const id = f.awsAccessKeyId().slice(4);
    expect(scanWith('aws-access-key-id', `XAKIA${id} AKIA${id}Z AIDA${id} akia${id.toLowerCase()}`)).toEqual([]);
  });
});

describe('aws-secret-access-key', () => {
  it('finds a 40-character secret assigned to an AWS secret name, pointing at the value', () => {
    const secret = f.awsSecretAccessKey();
    for (const line of [
      `aws_secret_access_key = ${secret}`,
      `AWS_SECRET_ACCESS_KEY="${secret}"`,
      `"SecretAccessKey": "${secret}",`,
    ]) {
      const [finding] = scanWith('aws-secret-access-key', line);
      expect(textAt(line, finding)).toBe(secret);
      expect(finding.severity).toBe('critical');
      expectNotLeaked([finding], secret);
    }
  });

  it('needs the name: the same 40 characters elsewhere, or a hex digest under the name, are not reported', () => {
    expect(scanWith('aws-secret-access-key', `value = ${f.awsSecretAccessKey()}`)).toEqual([]);
    expect(scanWith('aws-secret-access-key', 'aws_secret_access_key = da39a3ee5e6b4b0d3255bfef95601890afd80709')).toEqual([]);
  });
});

describe('github-token', () => {
  it('finds classic tokens of every prefix and trusts a valid CRC32 checksum most', () => {
    for (const prefix of ['ghp', 'gho', 'ghu', 'ghs', 'ghr'] as const) {
      const token = f.githubClassic(prefix);
      expect(githubChecksumValid(token)).toBe(true);
      const [finding] = scanWith('github-token', `token: ${token}`);
      expect(finding).toMatchObject({ confidence: 0.99, redacted: `${prefix}_${'*'.repeat(24)}` });
      expectNotLeaked([finding], token);
    }
  });

  it('keeps a well-formed token with a wrong checksum at lower confidence', () => {
    const [finding] = scanWith('github-token', f.githubClassicBadChecksum());
    expect(finding.confidence).toBe(0.7);
  });

  it('finds fine-grained tokens and keeps the github_pat_ prefix', () => {
    const token = f.githubFineGrained();
    const [finding] = scanWith('github-token', `GH_TOKEN=${token}`);
    expect(finding.redacted.startsWith('github_pat_*')).toBe(true);
    expectNotLeaked([finding], token);
  });

  it('ignores wrong lengths and unknown prefixes', () => {
    const token = f.githubClassic();
    expect(scanWith('github-token', `${token}x ghx_${token.slice(4)} ${token.slice(0, -1)}`)).toEqual([]);
  });
});

describe('slack-token and slack-webhook', () => {
  it('finds bot and user tokens', () => {
    const bot = f.slackToken('b');
    const user = f.slackToken('p');
    const text = `SLACK_BOT=${bot}\nSLACK_USER=${user}`;
    const findings = scanWith('slack-token', text);
    expect(findings.map((x) => textAt(text, x))).toEqual([bot, user]);
    expect(findings[0].redacted).toBe(`xoxb-${'*'.repeat(24)}`);
    expectNotLeaked(findings, bot, user);
  });

  it('ignores short or id-less xox strings', () => {
    expect(scanWith('slack-token', 'xoxb-abc xoxb-not-a-real-token-at-all xoxq-123456789-123456789-abcdef')).toEqual([]);
  });

  it('finds webhook URLs and masks everything after /services/', () => {
    const hook = f.slackWebhook();
    const findings = scanWith('slack-webhook', `curl -X POST ${hook} -d '{}'`);
    expect(findings).toHaveLength(1);
    expect(findings[0].redacted).toMatch(/^https:\/\/hooks\.slack\.com\/services\/\*+$/);
    expectNotLeaked(findings, hook, hook.slice(33));
  });
});

describe('stripe-key', () => {
  it('reports live secret and restricted keys as critical, test keys as medium', () => {
    const live = f.stripeKey('live', 'sk');
    const restricted = f.stripeKey('live', 'rk');
    const test = f.stripeKey('test', 'sk');
    const findings = scanWith('stripe-key', `${live} ${restricted} ${test}`);
    expect(findings.map((x) => x.severity)).toEqual(['critical', 'critical', 'medium']);
    expect(findings[0].redacted.startsWith('sk_live_*')).toBe(true);
    expectNotLeaked(findings, live, restricted, test);
  });

  it('ignores publishable keys and short bodies', () => {
    expect(scanWith('stripe-key', `pk_live_${f.opaqueKey(24)} sk_live_short`)).toEqual([]);
  });
});

describe('google-api-key', () => {
  it('finds AIza keys of the exact length', () => {
    const key = f.googleApiKey();
    const [finding] = scanWith('google-api-key', `?key=${key}&v=3`);
    expect(finding).toMatchObject({ severity: 'high', redacted: `AIza${'*'.repeat(24)}` });
    expectNotLeaked([finding], key);
    expect(scanWith('google-api-key', `${key}x`)).toEqual([]);
  });
});
