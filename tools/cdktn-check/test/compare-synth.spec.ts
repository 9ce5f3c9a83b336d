import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compareSynth, isEquivalent, providerAddress } from '../src/compare-synth';

function stack(tool: string, provider: { source: string; version: string }, bucket: Record<string, unknown>) {
  return {
    '//': { metadata: { backend: 's3', stackName: 'dev-data', version: tool }, outputs: {} },
    terraform: { backend: { s3: { bucket: 'state', encrypt: true } }, required_providers: { aws: provider } },
    resource: { aws_s3_bucket: { uploads: { '//': { metadata: { path: 'dev-data/uploads', uniqueId: 'uploads' } }, ...bucket } } },
  };
}

describe('compareSynth', () => {
  let dir: string;
  const write = (out: string, name: string, json: unknown) => {
    mkdirSync(path.join(dir, out, 'stacks', name), { recursive: true });
    writeFileSync(path.join(dir, out, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  };
  const compare = () => compareSynth(path.join(dir, 'cdktf.out'), path.join(dir, 'cdktn.out'));
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'compare-synth-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('allows the tool version, the provider version and the two spellings of the same provider source', () => {
    write('cdktf.out', 'dev-data', stack('0.21.0', { source: 'aws', version: '6.25.0' }, { bucket: 'b' }));
    write('cdktn.out', 'dev-data', stack('0.24.0', { source: 'hashicorp/aws', version: '6.66.0' }, { bucket: 'b' }));
    const c = compare();
    expect(c.differences).toEqual([]);
    expect(c.metadata.map((m) => [m.path, m.cdktf, m.cdktn])).toEqual([
      ['//.metadata.version', '0.21.0', '0.24.0'],
      ['terraform.required_providers.aws.source', 'aws', 'hashicorp/aws'],
      ['terraform.required_providers.aws.version', '6.25.0', '6.66.0'],
    ]);
    expect(isEquivalent(c)).toBe(true);
  });

  it('reports a changed, added or removed attribute with its stack and path', () => {
    write('cdktf.out', 'dev-data', stack('0.21.0', { source: 'aws', version: '6.25.0' }, { bucket: 'b', force_destroy: false }));
    write('cdktn.out', 'dev-data', stack('0.21.0', { source: 'aws', version: '6.25.0' }, { bucket: 'c', tags: { env: 'dev' } }));
    const c = compare();
    expect(c.differences).toEqual([
      { stack: 'dev-data', path: 'resource.aws_s3_bucket.uploads.bucket', cdktf: 'b', cdktn: 'c' },
      { stack: 'dev-data', path: 'resource.aws_s3_bucket.uploads.force_destroy', cdktf: false, cdktn: undefined },
      { stack: 'dev-data', path: 'resource.aws_s3_bucket.uploads.tags', cdktf: undefined, cdktn: { env: 'dev' } },
    ]);
    expect(isEquivalent(c)).toBe(false);
  });

  it('a provider from another namespace is a real difference', () => {
    write('cdktf.out', 'dev-data', stack('0.21.0', { source: 'aws', version: '6.25.0' }, {}));
    write('cdktn.out', 'dev-data', stack('0.21.0', { source: 'example-corp/aws', version: '6.25.0' }, {}));
    expect(compare().differences.map((d) => d.path)).toEqual(['terraform.required_providers.aws.source']);
  });

  it('names stacks only one side synthesized, and is not equivalent when nothing was synthesized', () => {
    write('cdktf.out', 'dev-data', stack('0.21.0', { source: 'aws', version: '1' }, {}));
    write('cdktf.out', 'dev-api', stack('0.21.0', { source: 'aws', version: '1' }, {}));
    write('cdktn.out', 'dev-data', stack('0.21.0', { source: 'aws', version: '1' }, {}));
    write('cdktn.out', 'dev-worker', stack('0.21.0', { source: 'aws', version: '1' }, {}));
    const c = compare();
    expect([c.stacks, c.onlyCdktf, c.onlyCdktn]).toEqual([['dev-data'], ['dev-api'], ['dev-worker']]);
    expect(isEquivalent(c)).toBe(false);
    expect(isEquivalent(compareSynth(path.join(dir, 'none'), path.join(dir, 'none')))).toBe(false);
  });

  it('providerAddress expands Terraform short forms', () => {
    expect(['aws', 'hashicorp/aws', 'registry.terraform.io/hashicorp/aws', 'HashiCorp/AWS'].map(providerAddress)).toEqual(
      Array(4).fill('registry.terraform.io/hashicorp/aws'),
    );
  });
});
