import { parsePatch, unquotePath } from '../src';

const C1 = 'a'.repeat(40);
const C2 = 'b'.repeat(40);

describe('parsePatch', () => {
  it('groups consecutive added lines per commit and file, with their line numbers in the new file', () => {
    const patch = [
      `\x1ecommit ${C1}`,
      '',
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1111111..2222222 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -3,0 +4,2 @@ export const x = 1;',
      '+line four',
      '+line five',
      '@@ -10 +12 @@',
      '-old twelve',
      '+new twelve',
      '\\ No newline at end of file',
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git a/img.png b/img.png',
      'new file mode 100644',
      'Binary files /dev/null and b/img.png differ',
      `\x1ecommit ${C2}`,
      '',
      'diff --git a/new.txt b/new.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.txt',
      '@@ -0,0 +1,2 @@',
      '++++ looks like a header, is content',
      '+@@ -1 +1 @@ also content',
      '',
    ].join('\n');
    expect(parsePatch(patch)).toEqual([
      { commit: C1, file: 'src/a.ts', startLine: 4, lines: ['line four', 'line five'] },
      { commit: C1, file: 'src/a.ts', startLine: 12, lines: ['new twelve'] },
      { commit: C2, file: 'new.txt', startLine: 1, lines: ['+++ looks like a header, is content', '@@ -1 +1 @@ also content'] },
    ]);
  });

  it('reads quoted paths and the tab git adds after a name with spaces', () => {
    const patch = [
      'diff --git "a/t\\tab.txt" "b/t\\tab.txt"',
      '--- /dev/null',
      '+++ "b/t\\tab.txt"',
      '@@ -0,0 +1 @@',
      '+x',
      'diff --git a/with space.txt b/with space.txt',
      '--- /dev/null',
      '+++ b/with space.txt\t',
      '@@ -0,0 +1 @@',
      '+y',
    ].join('\n');
    expect(parsePatch(patch).map((b) => b.file)).toEqual(['t\tab.txt', 'with space.txt']);
  });
});

describe('parsePatch on a merge commit (combined diff)', () => {
  it('counts only lines new against every parent, with their line numbers in the merge result', () => {
    const patch = [
      `\x1ecommit ${C1}`,
      '',
      'diff --cc config.ts',
      'index 1111111,2222222..3333333',
      '--- a/config.ts',
      '+++ b/config.ts',
      '@@@ -2,1 -2,1 +2,3 @@@',
      '- const a = 1;',
      ' -const a = 2;',
      '++const a = 3; // resolved',
      '++const b = 4;',
      '+ const fromFirstParentSide = 5;',
      '@@@ -9,0 -9,0 +11,1 @@@',
      '++tail',
      '',
    ].join('\n');
    expect(parsePatch(patch)).toEqual([
      { commit: C1, file: 'config.ts', startLine: 2, lines: ['const a = 3; // resolved', 'const b = 4;'] },
      { commit: C1, file: 'config.ts', startLine: 11, lines: ['tail'] },
    ]);
  });
});

describe('unquotePath', () => {
  it('decodes C escapes and octal UTF-8 bytes, and leaves unquoted names alone', () => {
    expect(unquotePath('"b/caf\\303\\251 \\"q\\" \\\\"')).toBe('b/café "q" \\');
    expect(unquotePath('b/plain.txt')).toBe('b/plain.txt');
  });
});
