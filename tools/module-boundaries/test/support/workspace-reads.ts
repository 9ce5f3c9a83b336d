import { posix } from 'node:path';

/** Names a test gives the workspace root (`path.resolve(__dirname, '../../..')`), by convention. */
export const ROOT_NAMES = ['REPO_ROOT', 'REPO', 'ROOT', 'WORKSPACE_ROOT'] as const;

const CALL = new RegExp(String.raw`\b(?:path\.)?(?:join|resolve)\(\s*(${[...ROOT_NAMES, '__dirname'].join('|')})\s*,\s*([^()]*?)\)`, 'g');
const LITERAL = /^(['"`])([^'"`$]*)\1$/;

/**
 * Workspace paths that a test file names, as globs relative to the workspace root:
 * `join(REPO_ROOT, 'apps', app, 'Dockerfile')` is `apps/*\/Dockerfile`, and
 * `path.resolve(__dirname, '../../../docs/policy.md')` in `tools/x/test` is `docs/policy.md`.
 * A segment that is not a string literal becomes `*`; a path with no literal at all says nothing
 * and is left out, as are paths inside the file's own project and paths outside the workspace.
 */
export function workspaceReads(source: string, file: string, projectRoot: string): string[] {
  const reads = new Set<string>();
  for (const [, base, args] of source.matchAll(CALL)) {
    const segments = args
      .split(',')
      .map((arg) => arg.trim())
      .filter((arg) => arg.length > 0)
      .map((arg) => LITERAL.exec(arg)?.[2] ?? '*');
    if (!segments.some((s) => s !== '*')) continue;
    const start = base === '__dirname' ? posix.dirname(file) : '.';
    const path = posix.normalize(posix.join(start, ...segments)).replace(/\/$/, '');
    if (path === '.' || path.startsWith('..') || path === projectRoot || path.startsWith(`${projectRoot}/`)) continue;
    reads.add(path);
  }
  return [...reads].sort();
}
