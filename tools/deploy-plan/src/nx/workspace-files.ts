import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { WorkspaceFiles } from './hash-plan';
import { ProjectRoots } from './project-roots';

const run = promisify(execFile);

/**
 * The files Nx sees in a workspace, from git: tracked and untracked files that exist on disk,
 * without those `.gitignore` or `.nxignore` exclude (Nx leaves both out of its file map).
 */
export async function listWorkspaceFiles(cwd: string, projects: Iterable<{ readonly name: string; readonly root: string }>): Promise<WorkspaceFiles> {
  const [listed, ignored] = await Promise.all([
    gitFiles(cwd, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']),
    gitFiles(cwd, [...nxIgnoreConfig(cwd), 'ls-files', '-z', '--cached', '--ignored', '--exclude-standard']),
  ]);
  const skip = new Set(ignored);
  const all = [...new Set(listed)].filter((file) => !skip.has(file) && existsSync(join(cwd, file))).sort();
  const roots = new ProjectRoots(projects);
  const byProject = new Map<string, string[]>();
  for (const file of all) {
    const owner = roots.ownerOf(file);
    if (owner === null) continue;
    const owned = byProject.get(owner);
    if (owned) owned.push(file);
    else byProject.set(owner, [file]);
  }
  const rootTsConfig = ['tsconfig.base.json', 'tsconfig.json'].find((name) => existsSync(join(cwd, name))) ?? null;
  return { all, byProject, rootTsConfig };
}

/** Of `files`, those `.gitignore` or `.nxignore` exclude (Nx drops them from a change set). */
export async function ignoredFiles(cwd: string, files: readonly string[]): Promise<Set<string>> {
  if (files.length === 0) return new Set();
  try {
    const { stdout } = await runWithInput(cwd, [...nxIgnoreConfig(cwd), 'check-ignore', '--no-index', '-z', '--stdin'], `${files.join('\0')}\0`);
    return new Set(stdout.split('\0').filter(Boolean));
  } catch (error) {
    // exit 1: none of the files is ignored
    if ((error as { code?: number }).code === 1) return new Set();
    throw error;
  }
}

/** `.nxignore` (gitignore syntax) as git's excludes file, so git applies it with the .gitignore files. */
function nxIgnoreConfig(cwd: string): string[] {
  return existsSync(join(cwd, '.nxignore')) ? ['-c', `core.excludesFile=${join(cwd, '.nxignore')}`] : [];
}

async function gitFiles(cwd: string, args: string[]): Promise<string[]> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
  return stdout.split('\0').filter(Boolean);
}

function runWithInput(cwd: string, args: string[], input: string): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve({ stdout })));
    child.stdin?.end(input);
  });
}
