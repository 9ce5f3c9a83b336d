import { readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { NxFacts, ProjectFacts } from '../nx/nx-facts';
import { SERVICE_STACKS_TAG, STACK_TAG } from '../plan/conventions';
import { filesUsedBy } from './files-used';
import { SourceReader } from './source-imports';

/** Answers "which stacks does this file reach?" from the stacks' imports. */
export type StackUsersOfFile = (file: string) => ReadonlySet<string> | null;

/**
 * Which stack projects use a TypeScript file of a library or stack, from the imports of the stacks'
 * sources. Nx's graph is per project: it marks every stack that imports `@platform/infra-modules`
 * when any construct changes, and every stack when anything in `libs/shared` changes; the imports
 * tell which stacks use the changed code. Returns null (Nx's answer stands) when the imports cannot
 * tell: files that are not TypeScript, and files the CDKTF app itself uses outside the stacks
 * (configuration it loads and passes to every stack, such as the environment files).
 */
export function createStackUsersOfFile(cwd: string, facts: NxFacts): StackUsersOfFile {
  const stacks = facts.projects.filter((p) => p.tags.includes(STACK_TAG));
  if (stacks.length === 0) return () => null;
  let usage: { byStack: Map<string, Set<string>>; byApp: Set<string> } | undefined;
  return (file) => {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) return null;
    usage ??= computeUsage(cwd, facts, stacks);
    if (usage.byApp.has(file)) return null;
    const users = new Set<string>();
    for (const [stack, files] of usage.byStack) if (files.has(file)) users.add(stack);
    return users;
  };
}

function computeUsage(cwd: string, facts: NxFacts, stacks: ProjectFacts[]) {
  const reader = new SourceReader(cwd);
  const roots = facts.projects.map((p) => p.root).filter((root) => root !== '.' && root !== '');
  const byStack = new Map<string, Set<string>>();
  for (const stack of stacks) byStack.set(stack.name, filesUsedBy(reader, sourceFiles(cwd, stack.root, roots)));
  // Composition roots (infra-app: main.ts, platform.ts) build the stacks and hand them their config.
  const stackNames = new Set(stacks.map((s) => s.name));
  const stackFile = (file: string) => stacks.some((s) => file.startsWith(`${s.root}/`));
  // The service stacks' own project is a stack's source, not a composition root: its stacks stand in for it.
  const apps = facts.projects.filter(
    (p) => !stackNames.has(p.name) && !p.tags.includes(SERVICE_STACKS_TAG) && p.dependsOn.some((d) => stackNames.has(d)),
  );
  const byApp = new Set<string>();
  // The service catalog's code is what the app reads manifests with; what it validates against is not config it hands the stacks.
  const catalogRoots = facts.projects.filter((p) => p.tags.includes('scope:catalog')).map((p) => `${p.root}/`);
  const stopAt = (file: string) => stackFile(file) || catalogRoots.some((root) => file.startsWith(root));
  for (const app of apps) {
    for (const file of filesUsedBy(reader, sourceFiles(cwd, app.root, roots), stopAt)) byApp.add(file);
  }
  return { byStack, byApp };
}

/** A project's own TypeScript sources: tests and nested projects left out (they do not reach a synthesized stack). */
function sourceFiles(cwd: string, root: string, projectRoots: readonly string[]): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(cwd, root), { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  const nested = projectRoots.filter((other) => other !== root && other.startsWith(`${root}/`));
  return entries
    .map((entry) => posix.join(root, entry.split('\\').join('/')))
    .filter((file) => file.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(file) && !file.endsWith('.d.ts'))
    .filter((file) => !/(^|\/)(node_modules|cdktf\.out|test|dist)\//.test(file.slice(root.length)))
    .filter((file) => !nested.some((other) => file.startsWith(`${other}/`)));
}
