import { EXIT_BAD_INPUT, EXIT_CLEAN, EXIT_FOUND, main } from '../src';
import { awsDocumentationKeyId, fakeAwsAccessKeyId, fakeRsaPrivateKeyPem } from './fake-secrets';
import { TempRepo } from './temp-repo';

/** The prefix of every message; a constant, so no line here reads like `secrets-scan: <value>` to the scanner. */
const TOOL = 'secrets-scan';

/** Runs the CLI entry in `repo`, capturing what it writes. */
async function run(repo: TempRepo, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { cwd: repo.dir, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function json(repo: TempRepo, ...args: string[]) {
  const r = await run(repo, '--json', ...args);
  return { ...r, doc: JSON.parse(r.stdout) };
}

/** A repository with one initial commit holding ordinary code. */
function repoWithBase(): { repo: TempRepo; base: string } {
  const repo = new TempRepo();
  repo.write('src/app.ts', 'export const port = 8080;\nexport function hello() {\n  return "hi";\n}\n');
  return { repo, base: repo.commit('initial') };
}

describe('secrets:scan on the added lines of a commit range', () => {
  it('catches a fake AWS key a commit adds, with file:line:column, and never prints the key', async () => {
    const { repo, base } = repoWithBase();
    const key = fakeAwsAccessKeyId();
    repo.write('src/config.ts', `// settings\nexport const region = 'eu-west-1';\nexport const accessKeyId = '${key}';\n`);
    const head = repo.commit('add config');

    const text = (await run(repo, '--base', base));
    expect(text.code).toBe(EXIT_FOUND);
    expect(text.stdout).toContain(`src/config.ts:3:29: aws-access-key-id (high, confidence 0.9) AKIA`);
    expect(text.stdout).toContain(`[commit ${head.slice(0, 12)}]`);
    expect(text.stdout).toMatch(/1 finding; scanned 1 commit/);

    const { code, stdout, doc } = (await json(repo, '--base', base, '--head', head));
    expect(code).toBe(EXIT_FOUND);
    expect(doc.range).toEqual({ base, head, baseFrom: '--base' });
    expect(doc.findings).toEqual([
      {
        commit: head,
        file: 'src/config.ts',
        line: 3,
        column: 29,
        detectorId: 'aws-access-key-id',
        category: 'secret',
        severity: 'high',
        confidence: 0.9,
        redacted: expect.stringMatching(/^AKIA\*+$/),
      },
    ]);
    for (const out of [text.stdout, text.stderr, stdout]) {
      expect(out).not.toContain(key);
      expect(out).not.toContain(key.slice(4)); // not even the random part
    }
  });

  it('passes a clean diff with exit 0', async () => {
    const { repo, base } = repoWithBase();
    repo.write('src/app.ts', 'export const port = 8080;\nexport const password = process.env.DB_PASSWORD;\n');
    repo.write('README.md', '# app\n\nSet `DB_PASSWORD` in the environment. Commit 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b fixed it.\n');
    repo.commit('clean change');
    const r = (await run(repo, '--base', base));
    expect([r.code, r.stderr]).toEqual([EXIT_CLEAN, '']);
    expect(r.stdout).toMatch(/^secrets-scan: no secrets found; scanned 1 commit \(.*\), 4 lines in 2 files\n$/);
  });

  it('looks only at added lines: a secret already in the base, or one being deleted, is not reported', async () => {
    const repo = new TempRepo();
    repo.write('old.env', `AWS_ACCESS_KEY_ID=${fakeAwsAccessKeyId()}\nREGION=eu-west-1\n`);
    repo.write('gone.env', `AWS_ACCESS_KEY_ID=${fakeAwsAccessKeyId()}\n`);
    const base = repo.commit('old secrets (out of range)');
    repo.write('old.env', `AWS_ACCESS_KEY_ID=${fakeAwsAccessKeyId()}\nREGION=eu-west-2\n`.split('\n').slice(1).join('\n'));
    repo.remove('gone.env');
    repo.commit('rotate and remove');
    expect((await json(repo, '--base', base)).doc.findings).toEqual([]);
  });

  it('reports a secret added in one commit and removed in the next: history keeps it', async () => {
    const { repo, base } = repoWithBase();
    repo.write('src/config.ts', `export const key = '${fakeAwsAccessKeyId()}';\n`);
    const leaked = repo.commit('oops');
    repo.remove('src/config.ts');
    repo.commit('remove it again');
    const { code, doc } = (await json(repo, '--base', base));
    expect(code).toBe(EXIT_FOUND);
    expect(doc.scanned.commits).toBe(2);
    expect(doc.findings.map((f: { commit: string; file: string }) => [f.commit, f.file])).toEqual([[leaked, 'src/config.ts']]);
  });

  it('gives the line in the file for a hunk in the middle, and does not report a renamed file again', async () => {
    const repo = new TempRepo();
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`);
    repo.write('notes/a.txt', `${lines.join('\n')}\n`);
    const base = repo.commit('notes');
    lines.splice(20, 0, 'an ordinary new line', `aws = ${fakeAwsAccessKeyId()}`);
    repo.write('notes/a.txt', `${lines.join('\n')}\n`);
    const added = repo.commit('add two lines after line 20');
    repo.git('mv', 'notes/a.txt', 'notes/b.txt');
    repo.commit('rename');
    const { doc } = (await json(repo, '--base', base));
    expect(doc.findings.map((f: { file: string; line: number; column: number; commit: string }) => [f.file, f.line, f.column, f.commit])).toEqual([
      ['notes/a.txt', 22, 7, added],
    ]);
    expect(doc.scanned.commits).toBe(2); // base..head: the two commits after the base
  });

  it('merges: a secret the merge itself adds is reported; lines it merges in are reported once, in their own commit', async () => {
    const { repo, base } = repoWithBase();
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('side.ts', `export const k = '${fakeAwsAccessKeyId()}';\n`);
    const sideCommit = repo.commit('side adds a key');
    repo.git('checkout', '-q', 'main');
    repo.write('main.ts', 'export const m = 1;\n');
    repo.commit('main moves on');
    repo.git('merge', '-q', '--no-ff', '--no-commit', 'side');
    repo.write('merge-only.ts', `export const evil = '${fakeAwsAccessKeyId()}';\n`);
    const merge = repo.commit('merge side, adding a file in the merge itself');
    const { doc } = (await json(repo, '--base', base));
    expect(doc.scanned.commits).toBe(3);
    expect(doc.findings.map((f: { commit: string; file: string; line: number }) => [f.commit, f.file, f.line]).sort()).toEqual(
      [
        [sideCommit, 'side.ts', 1],
        [merge, 'merge-only.ts', 1],
      ].sort(),
    );
  });

  it('finds a private key spread over consecutive added lines, at its BEGIN line', async () => {
    const { repo, base } = repoWithBase();
    repo.write('deploy/key.pem', `# deploy key\n${fakeRsaPrivateKeyPem()}`);
    repo.commit('add key');
    const { doc, stdout } = (await json(repo, '--base', base));
    expect(doc.findings).toEqual([expect.objectContaining({ file: 'deploy/key.pem', line: 2, column: 1, detectorId: 'private-key', severity: 'critical' })]);
    expect(stdout).not.toMatch(/MII[A-Za-z0-9+/]{20}/); // no key body
  });

  it('--history scans every commit reachable from the head, the root commit included', async () => {
    const repo = new TempRepo();
    repo.write('first.txt', `key ${fakeAwsAccessKeyId()}\n`);
    const root = repo.commit('root with a key');
    repo.write('second.txt', 'nothing\n');
    repo.commit('second');
    const { code, doc } = (await json(repo, '--history'));
    expect(code).toBe(EXIT_FOUND);
    expect(doc.range).toEqual({ base: null, head: expect.any(String), baseFrom: '--history' });
    expect(doc.findings.map((f: { commit: string }) => f.commit)).toEqual([root]);
    expect((await run(repo, '--base', root)).code).toBe(EXIT_CLEAN); // base..head leaves the root out
  });

  it('without --base, scans what the branch adds since its merge base with origin/main', async () => {
    const { repo, base } = repoWithBase();
    repo.git('update-ref', 'refs/remotes/origin/main', base);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('src/feature.ts', `export const k = '${fakeAwsAccessKeyId()}';\n`);
    repo.commit('feature');
    repo.write('src/more.ts', 'export const more = 1;\n');
    repo.commit('more');
    const { code, doc } = (await json(repo));
    expect(code).toBe(EXIT_FOUND);
    expect(doc.range).toMatchObject({ base, baseFrom: 'merge base with origin/main' });
    expect(doc.scanned.commits).toBe(2);
  });

  it('without --base or origin/main, scans the head commit alone (its parent is the base)', async () => {
    const { repo, base } = repoWithBase();
    repo.write('x.txt', 'x\n');
    repo.commit('x');
    expect((await json(repo)).doc.range).toMatchObject({ base, baseFrom: 'parent of the head commit' });
  });

  it('drops documentation keys by default and reports personal data only with --pii', async () => {
    const { repo, base } = repoWithBase();
    repo.write('docs/aws.md', `Example: aws_access_key_id = ${awsDocumentationKeyId()}\nContact jane.doe@acme-corp.com for access.\n`);
    repo.commit('docs');
    expect((await json(repo, '--base', base)).doc.findings).toEqual([]);
    expect((await json(repo, '--base', base, '--min-confidence', '0.1')).doc.findings.map((f: { detectorId: string }) => f.detectorId)).toEqual(['aws-access-key-id']);
    expect((await json(repo, '--base', base, '--pii')).doc.findings.map((f: { detectorId: string; redacted: string }) => [f.detectorId, f.redacted])).toEqual([
      ['email', expect.stringMatching(/^j\*+@acme-corp\.com$/)],
    ]);
  });

  it('--github adds one error annotation per finding, on its file and line', async () => {
    const { repo, base } = repoWithBase();
    repo.write('a,b.ts', `export const k = '${fakeAwsAccessKeyId()}';\n`);
    repo.commit('k');
    const r = (await run(repo, '--base', base, '--github'));
    expect(r.stdout).toMatch(/^::error file=a%2Cb\.ts,line=1,col=19,title=secrets-scan aws-access-key-id::aws-access-key-id: AKIA\*+$/m);
  });
});

describe('the allowlist (.secrets-scan-ignore)', () => {
  it('skips listed paths, re-includes negated ones, and still scans everything else', async () => {
    const { repo, base } = repoWithBase();
    repo.write('.secrets-scan-ignore', '# fake secrets on purpose\ntest/corpus/\n!test/corpus/must-scan.txt\n*.fixture.json\n');
    repo.write('test/corpus/keys.txt', `${fakeAwsAccessKeyId()}\n`);
    repo.write('test/corpus/deeper/more.txt', `${fakeAwsAccessKeyId()}\n`);
    repo.write('test/corpus/must-scan.txt', `${fakeAwsAccessKeyId()}\n`);
    repo.write('api/plan.fixture.json', `{"k": "${fakeAwsAccessKeyId()}"}\n`);
    repo.write('src/real.ts', `const k = '${fakeAwsAccessKeyId()}';\n`);
    repo.commit('corpus');
    const { code, doc } = (await json(repo, '--base', base));
    expect(code).toBe(EXIT_FOUND);
    expect(doc.findings.map((f: { file: string }) => f.file).sort()).toEqual(['src/real.ts', 'test/corpus/must-scan.txt']);
    expect(doc.ignored).toEqual(['api/plan.fixture.json', 'test/corpus/deeper/more.txt', 'test/corpus/keys.txt']);
    expect((await run(repo, '--base', base)).stdout).toContain('3 files skipped by the allowlist');
  });

  it('reads --ignore-file instead of the default, and a missing explicit file is an error', async () => {
    const { repo, base } = repoWithBase();
    repo.write('ci/allow.txt', 'fixtures/**\n');
    repo.write('fixtures/a/b.txt', `${fakeAwsAccessKeyId()}\n`);
    repo.commit('fixtures');
    expect((await run(repo, '--base', base)).code).toBe(EXIT_FOUND);
    expect((await run(repo, '--base', base, '--ignore-file', 'ci/allow.txt')).code).toBe(EXIT_CLEAN);
    const missing = (await run(repo, '--base', base, '--ignore-file', 'ci/nope.txt'));
    expect([missing.code, missing.stderr]).toEqual([EXIT_BAD_INPUT, `${TOOL}: --ignore-file ${repo.dir}/ci/nope.txt: no such file\n`]);
  });
});

describe('bad input: exit 2 with one clear line', () => {
  const { repo, base } = repoWithBase();

  it.each([
    [['--base', 'no-such-branch'], "--base: unknown revision 'no-such-branch'"],
    [['--base', base, '--head', 'f'.repeat(40)], `--head: unknown revision '${'f'.repeat(40)}'`],
    [['--base=--output=/tmp/x'], "--base: unknown revision '--output=/tmp/x'"],
    [['--history', '--base', base], '--history scans all of --head'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--min-confidence', 'high'], '--min-confidence must be a number from 0 to 1, got NaN'],
    [['--min-confidence', '2'], '--min-confidence must be a number from 0 to 1, got 2'],
    [['no/such/file.txt'], 'no/such/file.txt: no such file or directory'],
  ])('%j', async (args, message) => {
    const r = (await run(repo, ...args));
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`${TOOL}: ${message}`)).toBe(true);
    expect(r.stderr.trim()).not.toContain('\n');
  });

  it('a single-commit repository has no default base', async () => {
    const single = new TempRepo();
    single.write('a.txt', 'a\n');
    single.commit('only');
    const r = await run(single);
    expect([r.code, r.stderr]).toEqual([EXIT_BAD_INPUT, expect.stringContaining('no default base')]);
  });
});
