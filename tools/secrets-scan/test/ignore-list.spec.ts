import { IgnoreList } from '../src';

describe('IgnoreList (gitignore-style globs)', () => {
  const list = IgnoreList.parse(
    [
      '# comment',
      '',
      'libs/scanner/test/',
      '*.fixture.json',
      '/root-only.txt',
      'docs/**/secrets-*.md',
      'corpus',
      '!corpus/keep.txt',
      'file[0-9].txt',
    ].join('\n'),
  );

  it.each([
    ['libs/scanner/test/corpus/true-positives.txt', true],
    ['libs/scanner/test', false], // a trailing / matches directories only
    ['libs/scanner/src/index.ts', false],
    ['a/b/plan.fixture.json', true],
    ['plan.fixture.json.bak', false],
    ['root-only.txt', true],
    ['sub/root-only.txt', false],
    ['docs/secrets-a.md', true],
    ['docs/x/y/secrets-b.md', true],
    ['docs/x/notes.md', false],
    ['deep/corpus/a.txt', true],
    ['corpus/keep.txt', false],
    ['file7.txt', true],
    ['fileX.txt', false],
  ])('%s -> %s', (file, ignored) => {
    expect(list.ignores(file)).toBe(ignored);
  });

  it('treats regex characters in patterns literally', () => {
    const l = IgnoreList.parse('a+b(c).txt\n');
    expect(l.ignores('a+b(c).txt')).toBe(true);
    expect(l.ignores('aab(c).txt')).toBe(false);
    expect(l.size).toBe(1);
  });
});
