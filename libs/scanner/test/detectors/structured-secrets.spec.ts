import { FixtureBuilder } from '../corpus/fixtures';
import { expectNotLeaked, scanWith, textAt } from '../helpers';

const f = new FixtureBuilder(11);

describe('private-key', () => {
  it.each(['RSA', 'EC', 'DSA', 'OPENSSH', 'ENCRYPTED', ''])('finds a whole %s block, BEGIN to END', (label) => {
    const key = f.privateKey(label);
    const text = `config:\n${key}\nmore`;
    const [finding] = scanWith('private-key', text);
    expect(textAt(text, finding)).toBe(key);
    expect(finding).toMatchObject({ severity: 'critical', confidence: 0.99 });
    expect(finding.location.line).toBe(2);
    expectNotLeaked([finding], key.split('\n')[1]);
  });

  it('finds PGP private key blocks', () => {
    const body = f.privateKey('').split('\n').slice(1, -1).join('\n');
    const block = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${body}\n-----END PGP PRIVATE KEY BLOCK-----`;
    const [finding] = scanWith('private-key', block);
    expect(finding.location.endByte).toBe(Buffer.byteLength(block));
  });

  it('reports a header without an END line (a truncated key) at medium confidence', () => {
    const key = f.privateKey('RSA');
    const truncated = key.slice(0, key.indexOf('-----END'));
    const [finding] = scanWith('private-key', truncated);
    expect(finding.confidence).toBe(0.5);
    expectNotLeaked([finding], truncated.split('\n')[1]);
  });

  it('treats a block with no key material ("...") as a low-severity placeholder', () => {
    const [finding] = scanWith('private-key', '-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----');
    expect(finding).toMatchObject({ severity: 'low', confidence: 0.3 });
  });

  it('ignores public keys and certificates', () => {
    const body = f.privateKey('').split('\n').slice(1, -1).join('\n');
    const text = `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
    expect(scanWith('private-key', text)).toEqual([]);
  });
});

describe('jwt', () => {
  it('finds a token whose header is JSON with alg', () => {
    const token = f.jwt();
    const text = `Authorization: Bearer ${token}`;
    const [finding] = scanWith('jwt', text);
    expect(textAt(text, finding)).toBe(token);
    expect(finding).toMatchObject({ severity: 'high', confidence: 0.95 });
    expect(finding.redacted.startsWith('eyJ*')).toBe(true);
    expectNotLeaked([finding], token, token.split('.')[1], token.split('.')[2]);
  });

  it('rates unsigned (alg none) tokens medium', () => {
    const unsigned = f.jwt({ alg: 'none' }).replace(/\.[^.]*$/, '.');
    const [finding] = scanWith('jwt', unsigned);
    expect(finding.severity).toBe('medium');
  });

  it('rejects three base64url parts whose header has no alg or is not JSON', () => {
    const noAlg = f.jwt({ typ: 'JWT' });
    const notJson = `eyJub3QganNvbg.${f.jwt().split('.').slice(1).join('.')}`;
    expect(scanWith('jwt', `${noAlg} ${notJson}`)).toEqual([]);
  });
});

describe('database-url', () => {
  it.each(['postgres', 'postgresql', 'mysql', 'mongodb', 'mongodb+srv', 'redis', 'amqp'])(
    'finds %s URLs with a password and masks only the password',
    (scheme) => {
      const password = f.password();
      const url = f.databaseUrl(scheme, password);
      const [finding] = scanWith('database-url', `url: ${url}`);
      expect(finding.redacted).toBe(`${scheme}://app_user:${'*'.repeat(16)}@db.internal.corp:5432`);
      expectNotLeaked([finding], password);
    },
  );

  it('finds redis URLs with an empty user', () => {
    const password = f.password();
    const [finding] = scanWith('database-url', `REDIS_URL=redis://:${password}@cache:6379/0`);
    expect(finding.redacted).toBe(`redis://:${'*'.repeat(16)}@cache:6379`);
  });

  it('skips URLs without a password or with a placeholder password', () => {
    const text = [
      'postgres://app@db:5432/app',
      'postgres://app:${DB_PASSWORD}@db/app',
      'mysql://root:password@localhost/test',
      'mongodb://user:<password>@cluster0.mongodb.net',
      'https://user:secretvalue@example.com',
    ].join('\n');
    expect(scanWith('database-url', text)).toEqual([]);
  });
});

describe('generic-secret-assignment', () => {
  it.each([
    ['password = "{v}"'],
    ["DB_PASSWORD='{v}'"],
    ['"apiKey": "{v}",'],
    ['client_secret: {v}'],
    ['spring.datasource.password={v}'],
    ['token := "{v}"'],
    ['secret => "{v}"'],
  ])('finds the value in %s', (template) => {
    const value = f.password(18);
    const text = template.replace('{v}', value);
    const [finding] = scanWith('generic-secret-assignment', text);
    expect(textAt(text, finding)).toBe(value);
    expect(finding.redacted.endsWith('=' + '*'.repeat(18))).toBe(true);
    expectNotLeaked([finding], value);
  });

  it('skips placeholders, references, code and non-secret keys', () => {
    const text = [
      'PASSWORD=',
      'PASSWORD=changeme',
      'API_KEY=${API_KEY}',
      'SECRET=<your-secret>',
      'TOKEN=xxxxxxxxxxxx',
      'password: string;',
      'const password = req.body.password;',
      'token = getToken(user)',
      'api_key = os.environ["API_KEY"]',
      'if (password == "hunter2hunter2") {}',
      'password_hash: $2b$12$abcdefghijklmnopqrstuv',
      'reset_password_url = "https://app/reset?x=1"',
      'secret_name = "prod/app/db"',
      'token_type: bearer',
      'password: pw',
    ].join('\n');
    expect(scanWith('generic-secret-assignment', text)).toEqual([]);
  });

  it('gives values that say they are examples low confidence', () => {
    const [finding] = scanWith('generic-secret-assignment', 'password = "example-password-123"');
    expect(finding).toMatchObject({ confidence: 0.1, severity: 'low' });
  });
});

describe('high-entropy-secret', () => {
  it('finds a random string near a credential word', () => {
    const key = f.opaqueKey(32);
    const text = `Authorization: Bearer ${key}`;
    const [finding] = scanWith('high-entropy-secret', text);
    expect(textAt(text, finding)).toBe(key);
    expect(finding.severity).toBe('medium');
    expect(finding.confidence).toBeGreaterThan(0.5);
    expectNotLeaked([finding], key);
  });

  it('finds random hex of 32 characters next to a secret name', () => {
    const hex = f.chars('0123456789abcdef', 32);
    expect(scanWith('high-entropy-secret', `client_secret ${hex}`)).toHaveLength(1);
  });

  it('ignores random strings with no credential word nearby', () => {
    expect(scanWith('high-entropy-secret', `value ${f.opaqueKey(32)}`)).toEqual([]);
  });

  it('ignores UUIDs, git SHAs, digests, SRI hashes, base64 images and words', () => {
    const text = [
      'session_id: 123e4567-e89b-12d3-a456-426614174000',
      'token commit 3f786850e387550fdab836ed7e6dc881de23001b',
      'secret sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      'token integrity sha512-jl1vZzPDinLr9eUt3J/t7V6FgNEw9QjvBPdysz9KfQDD41fQrC2Y4vKQdiaUpFT4bXlb1RHhLpp8wtm6M5TgSw==',
      'session_banner: data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk',
      'secret path /usr/local/share/ca-certificates/internal',
      'token AnUnremarkableIdentifierName',
    ].join('\n');
    expect(scanWith('high-entropy-secret', text)).toEqual([]);
  });
});
