import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fakeAwsAccessKeyId } from './fake-secrets';
import { TempRepo } from './temp-repo';

const BIN = path.resolve(__dirname, '../src/bin.ts');
/** The prefix of every message; a constant, so no line here reads like `secrets-scan: <value>` to the scanner. */
const TOOL = 'secrets-scan';
const ROOT = path.resolve(__dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Runs in another directory, so tsx is told where the path aliases (`@platform/scanner`) are. */
function cli(cwd: string, args: string[]) {
  return spawnSync(TSX, ['--tsconfig', path.join(ROOT, 'tsconfig.base.json'), BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
}

describe('secrets:scan as a real process', () => {
  const repo = new TempRepo();
  repo.write('README.md', 'hello\n');
  const base = repo.commit('init');
  const key = fakeAwsAccessKeyId();
  repo.write('settings.env', `AWS_ACCESS_KEY_ID=${key}\n`);
  repo.commit('leak');

  it('exits 1 on a leaked key and prints only its redacted form', () => {
    const r = cli(repo.dir, ['--base', base]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('settings.env:1:19: aws-access-key-id');
    expect(r.stdout + r.stderr).not.toContain(key);
  });

  it('exits 2 on an unknown revision with one line and no stack trace', () => {
    const r = cli(repo.dir, ['--base', 'v9.9.9']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${TOOL}: --base: unknown revision 'v9.9.9' (not a commit in this repository; is it fetched? a shallow clone lacks history)\n`);
  });

  it('scans files and directories on disk without git, skipping binaries and allowlisted paths', () => {
    repo.write('disk/a.txt', `id ${fakeAwsAccessKeyId()}\n`);
    repo.write('disk/sub/b.bin', Buffer.from([0, 1, 2, 65, 75, 73, 65]));
    repo.write('disk/corpus/c.txt', `id ${fakeAwsAccessKeyId()}\n`);
    repo.write('.secrets-scan-ignore', 'disk/corpus/\n');
    const r = cli(repo.dir, ['--json', 'disk']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.range).toBeNull();
    expect(doc.findings.map((f: { file: string; line: number; commit?: string }) => [f.file, f.line, f.commit])).toEqual([['disk/a.txt', 1, undefined]]);
    expect(doc.ignored).toEqual(['disk/corpus/c.txt']);
    expect(doc.binary).toEqual(['disk/sub/b.bin']);
  });

  it('outside a git repository: files work, a commit range is a clear error', () => {
    const outside = path.dirname(repo.dir);
    const r = cli(outside, ['--base', 'HEAD~1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('is not in a git repository');
    expect(cli(outside, [path.join(repo.dir, 'README.md')]).status).toBe(0);
  });
});
