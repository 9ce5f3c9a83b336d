import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_FIXTURES_DIR, fixturesCorpus, WORKSPACE_ROOT } from '../src';

describe('fixturesCorpus', () => {
  let dir: string;
  let lines: string[];
  const report = (line: string) => lines.push(line);
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the part named under PLATFORM_FIXTURES_DIR and prints nothing', () => {
    mkdirSync(path.join(dir, 'terraform-plans'));
    expect(fixturesCorpus('terraform-plans', 'real plans', { env: { PLATFORM_FIXTURES_DIR: dir }, report })).toEqual({
      dir: path.join(dir, 'terraform-plans'),
      present: true,
    });
    expect(lines).toEqual([]);
  });

  it('reports a missing corpus as skipped in one line naming the folder and the variable', () => {
    const corpus = fixturesCorpus('cdktf-synth', 'real CDKTF output', { env: { PLATFORM_FIXTURES_DIR: dir }, report });
    expect(corpus.present).toBe(false);
    expect(lines).toEqual([`skipped: real CDKTF output: no corpus at ${path.join(dir, 'cdktf-synth')} (set PLATFORM_FIXTURES_DIR to its folder)`]);
  });

  it('defaults to ../shared/fixtures beside the workspace, and reads a relative value from the workspace root', () => {
    expect(fixturesCorpus('x', 'x', { env: {}, report }).dir).toBe(path.resolve(WORKSPACE_ROOT, DEFAULT_FIXTURES_DIR, 'x'));
    expect(fixturesCorpus('x', 'x', { env: { PLATFORM_FIXTURES_DIR: 'tmp/corpus' }, report }).dir).toBe(path.join(WORKSPACE_ROOT, 'tmp/corpus/x'));
  });
});
