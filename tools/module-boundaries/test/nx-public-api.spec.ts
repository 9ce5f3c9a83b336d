import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The tools reach Nx through its public surface only: what `@nx/devkit` exports and the `nx` command
 * line. Nx's own modules (`nx/src/...`, the `dist` files behind them, `@nx/devkit/internal`) move
 * and change between Nx versions without notice, so an upgrade would break a tool that loads them
 * silently. Any string naming one counts, whether it is imported, required, or handed to a loader.
 */
const REPO = path.resolve(__dirname, '../../..');
const TOOLS = path.join(REPO, 'tools');
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage', 'cdktf.out', '.nx']);
const PRIVATE_NX = [/^nx\/src\//, /^nx\/dist\//, /^@nx\/devkit\/internal(\/|$)/, /(^|\/)node_modules\/nx\/(src|dist)\//];

/** Nx module names in the string literals of one source text. */
function privateNxModules(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && PRIVATE_NX.some((p) => p.test(node.text))) found.push(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

describe('tools use only the public API of Nx', () => {
  it('finds a private Nx module however it is named', () => {
    const text = [
      "import type { ProjectGraph } from 'nx/src/config/project-graph';",
      "const { readNxJson } = require('nx/src/config/configuration');",
      "const load = createRequire(root); load(`nx/src/hasher/create-task-hasher`);",
      "await import('nx/dist/src/project-graph/file-utils');",
      "import { calculateFileChanges } from '@nx/devkit/internal';",
      "import { createProjectGraphAsync, readCachedProjectGraph } from '@nx/devkit';",
      "execFile('npx', ['nx', 'show', 'projects', '--affected', '--json']);",
      '// a comment about nx/src/utils is not a module name',
    ].join('\n');
    expect(privateNxModules('probe.ts', text)).toEqual([
      'nx/src/config/project-graph',
      'nx/src/config/configuration',
      'nx/src/hasher/create-task-hasher',
      'nx/dist/src/project-graph/file-utils',
      '@nx/devkit/internal',
    ]);
  });

  it('no source file under tools/ names one', () => {
    // This file names them on purpose, above.
    const files = sourceFiles(TOOLS).filter((file) => file !== __filename);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      privateNxModules(file, readFileSync(file, 'utf8')).map((name) => `${path.relative(REPO, file)}: ${name}`),
    );
    expect(offenders).toEqual([]);
  });
});
