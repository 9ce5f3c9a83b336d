import { DETECTOR_IDS } from '@platform/shared';
import { DETECTORS, FRAMEWORK_MAPPINGS, ScannerOptionsError, findingId, scanDocument, summarize } from '../src';
import { FixtureBuilder } from './corpus/fixtures';
import { textAt } from './helpers';

const f = new FixtureBuilder(5);

describe('scanDocument', () => {
  it('has exactly one detector per shared DETECTOR_ID, in the same order', () => {
    expect(Object.keys(DETECTORS)).toEqual([...DETECTOR_IDS]);
    for (const id of DETECTOR_IDS) expect(DETECTORS[id].id).toBe(id);
    expect(Object.keys(FRAMEWORK_MAPPINGS)).toEqual([...DETECTOR_IDS]);
  });

  it('a SigV4 credential scope is not a secret assignment, but a real key id inside it is still found', () => {
    const header = (keyId: string) => `authorization: AWS4-HMAC-SHA256 Credential=${keyId}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host`;
    expect(scanDocument(header('local'), { framework: 'gdpr' })).toEqual([]);
    expect(scanDocument(header(f.awsAccessKeyId()), { framework: 'gdpr' }).map((x) => x.detectorId)).toEqual(['aws-access-key-id']);
  });

  it('reports UTF-8 byte offsets, code-point and UTF-16 columns after emoji and CJK text', () => {
    const text = 'Grüße 👋🏽\n東京 😀 jane@acme-corp.io ok';
    const [finding] = scanDocument(text, { framework: 'gdpr', detectors: ['email'] });
    // "東京 😀 " = 2 CJK (3 bytes each) + space + emoji (4 bytes) + space = 12 bytes, 5 code points, 6 UTF-16 units.
    const lineStart = Buffer.byteLength('Grüße 👋🏽\n');
    const match = 'jane@acme-corp.io'.length;
    expect(finding.location).toEqual({
      line: 2,
      column: 6,
      endLine: 2,
      endColumn: 6 + match,
      utf16Column: 7,
      utf16EndColumn: 7 + match,
      startByte: lineStart + 12,
      endByte: lineStart + 12 + 'jane@acme-corp.io'.length,
    });
    expect(textAt(text, finding)).toBe('jane@acme-corp.io');
    // The UTF-16 column is the JavaScript string index within the line, plus one.
    expect(finding.location.utf16Column).toBe(text.split('\n')[1].indexOf('jane@') + 1);
  });

  it('ends a match that spans lines on its last line', () => {
    const text = `x\n${new FixtureBuilder(7).privateKey()}\n`;
    const finding = scanDocument(text, { framework: 'gdpr', detectors: ['private-key'] })[0];
    expect(finding.location.line).toBe(2);
    expect(finding.location.endLine).toBeGreaterThan(2);
  });

  it('counts lines ending in \\r\\n or a lone \\r once each', () => {
    const text = 'a\r\nb\rc\n  x@acme-corp.io';
    const [finding] = scanDocument(text, { framework: 'gdpr', detectors: ['email'] });
    expect(finding.location).toMatchObject({ line: 4, column: 3 });
  });

  it('sorts by start byte then detector id, and ids sort the same way', () => {
    const text = `b@acme-corp.io 8.8.8.8\n${f.awsAccessKeyId()} a@acme-corp.io`;
    const findings = scanDocument(text, { framework: 'gdpr' });
    const starts = findings.map((x) => x.location.startByte);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(findings.map((x) => x.findingId)).toEqual(findings.map((x) => x.findingId).sort());
    expect(findings.map((x) => x.detectorId)).toEqual(['email', 'ip-address', 'aws-access-key-id', 'email']);
  });

  it('gives the same ids for the same text and options, and different ids for different positions', () => {
    const text = `x ${f.githubClassic()} y@acme-corp.io`;
    const first = scanDocument(text, { framework: 'ccpa' });
    const second = scanDocument(text, { framework: 'ccpa' });
    expect(second).toEqual(first);
    expect(new Set(first.map((x) => x.findingId)).size).toBe(first.length);
    expect(first[0].findingId).toBe(findingId('github-token', 2, 42));
    expect(first[0].findingId).toMatch(/^0000000002-[0-9a-f]{16}$/);
  });

  it('maps findings to the chosen framework only', () => {
    const text = `${f.stripeKey()} jane@acme-corp.io SSN 512-34-5678`;
    const gdpr = scanDocument(text, { framework: 'gdpr' });
    const ccpa = scanDocument(text, { framework: 'ccpa' });
    expect(gdpr.flatMap((x) => x.mappings.map((m) => m.framework))).not.toContain('ccpa');
    expect(ccpa.flatMap((x) => x.mappings.map((m) => m.framework))).not.toContain('gdpr');
    const refs = (fs: typeof gdpr, id: string) => fs.find((x) => x.detectorId === id)?.mappings.map((m) => m.reference);
    expect(refs(gdpr, 'stripe-key')).toContain('Art. 32');
    expect(refs(gdpr, 'email')).toContain('Art. 4(1)');
    expect(refs(gdpr, 'us-ssn')).toContain('Art. 87');
    expect(refs(ccpa, 'stripe-key')).toContain('1798.150');
    expect(refs(ccpa, 'email')).toContain('1798.140(v)');
    expect(refs(ccpa, 'us-ssn')).toContain('1798.140(ae)');
  });

  it('runs only the requested detectors; an empty list means all', () => {
    const text = `jane@acme-corp.io 8.8.8.8`;
    expect(scanDocument(text, { framework: 'gdpr', detectors: ['ip-address'] }).map((x) => x.detectorId)).toEqual([
      'ip-address',
    ]);
    expect(scanDocument(text, { framework: 'gdpr', detectors: [] })).toHaveLength(2);
  });

  it('reports one secret once: specific detectors supersede generic ones', () => {
    const key = f.awsSecretAccessKey();
    const url = f.databaseUrl('postgres');
    const text = `aws_secret_access_key = "${key}"\nDATABASE_URL=${url}\nsecret_token = "${f.opaqueKey(32)}"`;
    const ids = scanDocument(text, { framework: 'gdpr' }).map((x) => x.detectorId);
    expect(ids).toEqual(['aws-secret-access-key', 'database-url', 'generic-secret-assignment']);
  });

  it('rejects bad options with a typed error naming the option, never echoing the text', () => {
    const secret = f.githubClassic();
    const call = (options: unknown) => () => scanDocument(secret, options as never);
    expect(call({ framework: 'hipaa' })).toThrow(ScannerOptionsError);
    expect(call({ framework: 'hipaa' })).toThrow(/framework must be one of gdpr, ccpa/);
    expect(call({ framework: 'gdpr', detectors: ['email', 'nope'] })).toThrow(/unknown detector id\(s\): "nope"/);
    try {
      scanDocument(secret, { framework: 'x' } as never);
    } catch (error) {
      expect((error as ScannerOptionsError).option).toBe('framework');
      expect(String(error)).not.toContain(secret);
    }
    expect(() => scanDocument(42 as never, { framework: 'gdpr' })).toThrow(/text must be a string/);
  });

  it('returns no findings for empty text', () => {
    expect(scanDocument('', { framework: 'gdpr' })).toEqual([]);
  });
});

describe('summarize', () => {
  it('counts by severity and category with every key present', () => {
    const findings = scanDocument(`jane@acme-corp.io ${f.githubClassic()} 10.0.0.1`, { framework: 'gdpr' });
    expect(summarize(findings)).toEqual({
      total: 3,
      bySeverity: { low: 1, medium: 1, high: 0, critical: 1 },
      byCategory: { secret: 1, 'personal-data': 2 },
    });
    expect(summarize([])).toEqual({
      total: 0,
      bySeverity: { low: 0, medium: 0, high: 0, critical: 0 },
      byCategory: { secret: 0, 'personal-data': 0 },
    });
  });
});
