import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { NxFacts } from '../nx/nx-facts';
import { MODULES_PROJECT, STACK_TAG } from '../plan/conventions';
import { filesUsedBy } from './files-used';
import { SourceReader } from './source-imports';

/**
 * Which stack projects use a given file of the infra modules project. Nx's graph is per project,
 * so it marks every stack that imports `@platform/infra-modules` when any module changes; the
 * imports tell which stacks use the changed construct. Returns null (Nx's answer stands) for
 * files outside the modules project and for non-TypeScript files there (project.json, ...).
 */
export function createStackUsersOfFile(cwd: string, facts: NxFacts): (file: string) => ReadonlySet<string> | null {
  const modules = facts.projects.find((p) => p.name === MODULES_PROJECT);
  if (modules === undefined) return () => null;
  let usage: Map<string, Set<string>> | undefined;
  return (file) => {
    if (!file.startsWith(`${modules.root}/`) || !file.endsWith('.ts')) return null;
    usage ??= stackFileUsage(cwd, facts);
    const users = new Set<string>();
    for (const [stack, files] of usage) if (files.has(file)) users.add(stack);
    return users;
  };
}

function stackFileUsage(cwd: string, facts: NxFacts): Map<string, Set<string>> {
  const reader = new SourceReader(cwd);
  const usage = new Map<string, Set<string>>();
  for (const stack of facts.projects.filter((p) => p.tags.includes(STACK_TAG))) {
    usage.set(stack.name, filesUsedBy(reader, sourceFiles(cwd, stack.root)));
  }
  return usage;
}

/** The stack's own TypeScript sources, tests left out (they do not reach the synthesized stack). */
function sourceFiles(cwd: string, root: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(cwd, root), { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return entries
    .map((entry) => posix.join(root, entry.split('\\').join('/')))
    .filter((file) => file.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(file) && !file.endsWith('.d.ts'))
    .filter((file) => !/(^|\/)(node_modules|cdktf\.out|test|dist)\//.test(file.slice(root.length)));
}
