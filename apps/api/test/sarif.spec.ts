import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Finding, Scan } from '@platform/shared';
import { MAX_RESULTS_PER_RUN, toSarif } from '../src/report/sarif';

// The official OASIS SARIF 2.1.0 schema (JSON Schema draft-04), as published with the errata.
const schema = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/sarif-schema-2.1.0.json'), 'utf8'));
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));
const validate = ajv.compile(schema);

const scan: Scan = {
  tenantId: 'tenant-a',
  scanId: '01J00000000000000000000000',
  status: 'succeeded',
  framework: 'gdpr',
  detectors: [],
  sizeBytes: 4096,
  contentSha256: 'a'.repeat(64),
  attempts: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:02.000Z',
  startedAt: '2026-01-01T00:00:01.000Z',
  finishedAt: '2026-01-01T00:00:02.000Z',
};

function finding(i: number, overrides: Partial<Finding> = {}): Finding {
  return {
    findingId: `${String(i).padStart(8, '0')}-f`,
    detectorId: 'email',
    category: 'personal-data',
    severity: 'medium',
    confidence: 0.9,
    location: { line: i + 1, column: 3, endLine: i + 1, endColumn: 20, utf16Column: 4, utf16EndColumn: 21, startByte: i * 40 + 2, endByte: i * 40 + 19 },
    redacted: 'j***@example.com',
    mappings: [{ framework: 'gdpr', reference: 'Art. 4(1)', title: 'Personal data' }],
    ...overrides,
  };
}

const log = toSarif(scan, [finding(0), finding(1), finding(2, { detectorId: 'aws-access-key-id', category: 'secret', severity: 'high', redacted: 'AKIA************MPLE' })], { toolVersion: '1.0.0' });
const [run] = log.runs;

describe('SARIF report', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('the schema check has teeth: a log missing a required property fails it', () => {
    const { version: _version, ...withoutVersion } = log;
    expect(validate(withoutVersion)).toBe(false);
    expect(validate({ ...log, runs: [{ ...run, columnKind: 'bytes' }] })).toBe(false);
  });

  it('states columns as UTF-16 code units and uses the UTF-16 columns of the findings, end exclusive', () => {
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.results[0].locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 4, endLine: 1, endColumn: 21, byteOffset: 2, byteLength: 17 });
  });

  it('gives every rule what GitHub shows: short and full description, help in text and markdown, a default level', () => {
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(5);
      expect(rule.fullDescription.text.length).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.help.text.length).toBeGreaterThan(20);
      expect(rule.help.markdown).toMatch(/^### /);
      expect(['note', 'warning', 'error']).toContain(rule.defaultConfiguration.level);
    }
  });

  it("tags every rule 'security' and puts security-severity on the rules as a numeric string, not on the results", () => {
    for (const rule of run.tool.driver.rules) {
      expect(rule.properties.tags).toContain('security');
      expect(rule.properties['security-severity']).toMatch(/^\d+\.\d$/);
      expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);
      expect(Number(rule.properties['security-severity'])).toBeLessThanOrEqual(10);
    }
    const rule = (id: string) => run.tool.driver.rules.find((r) => r.id === id)!;
    // critical >= 9.0, high >= 7.0, medium >= 4.0 in GitHub's buckets.
    expect(Number(rule('private-key').properties['security-severity'])).toBeGreaterThanOrEqual(9);
    expect(Number(rule('aws-access-key-id').properties['security-severity'])).toBeGreaterThanOrEqual(7);
    expect(Number(rule('email').properties['security-severity'])).toBeGreaterThanOrEqual(4);
    for (const result of run.results) expect(Object.keys(result.properties)).not.toContain('security-severity');
  });

  it('refers each result to its rule by id and index', () => {
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('fingerprints each result with primaryLocationLineHash, distinct per occurrence and stable when lines move', () => {
    const hashes = run.results.map((r) => r.partialFingerprints.primaryLocationLineHash);
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{16}:\d+$/);
    const moved = toSarif(scan, [finding(10), finding(11), finding(12, { detectorId: 'aws-access-key-id', category: 'secret', severity: 'high', redacted: 'AKIA************MPLE' })], { toolVersion: '1.0.0' });
    expect(moved.runs[0].results.map((r) => r.partialFingerprints.primaryLocationLineHash)).toEqual(hashes);
  });

  it('uses the artifact path the client chose as the URI, percent-encoded, everywhere', () => {
    const named = toSarif(scan, [finding(0)], { toolVersion: '1.0.0', artifactPath: 'config/prod settings.yml' });
    expect(named.runs[0].artifacts[0].location.uri).toBe('config/prod%20settings.yml');
    expect(named.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'config/prod%20settings.yml', index: 0 });
    expect(validate(named)).toBe(true);
    expect(run.artifacts[0].location.uri).toBe(`scans/${scan.scanId}.txt`);
  });

  it(`caps a run at ${MAX_RESULTS_PER_RUN} results and says so in the run's properties and a notification`, () => {
    const many = Array.from({ length: 26_000 }, (_, i) => finding(i));
    const capped = toSarif(scan, many, { toolVersion: '1.0.0' });
    const [cappedRun] = capped.runs;
    expect(cappedRun.results).toHaveLength(25_000);
    expect(cappedRun.results[24_999].partialFingerprints.findingId).toBe(many[24_999].findingId);
    expect(cappedRun.properties).toEqual({ scanId: scan.scanId, truncated: true, totalResults: 26_000, reportedResults: 25_000 });
    const [notification] = cappedRun.invocations[0].toolExecutionNotifications ?? [];
    expect(notification).toMatchObject({ level: 'warning', descriptor: { id: 'results-truncated' } });
    expect(notification.message.text).toContain('26000 findings');
    expect(validate(capped)).toBe(true);
    expect(run.properties.truncated).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications).toBeUndefined();
  });

  it('omits endLine/endColumn for a finding stored without them, falling back to its code-point column', () => {
    const old = finding(0, { location: { line: 3, column: 5, startByte: 40, endByte: 50 } });
    const region = toSarif(scan, [old], { toolVersion: '1.0.0' }).runs[0].results[0].locations[0].physicalLocation.region;
    expect(region).toEqual({ startLine: 3, startColumn: 5, byteOffset: 40, byteLength: 10 });
  });
});
