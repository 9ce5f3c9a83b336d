import { posix } from 'node:path';

/**
 * Which project owns a file, the way Nx decides it: the nearest folder, from the file up to the
 * workspace root, that is some project's root (nested projects own their own files; a project
 * rooted at `.` owns whatever no other project does).
 */
export class ProjectRoots {
  private readonly byRoot = new Map<string, string>();

  constructor(projects: Iterable<{ readonly name: string; readonly root: string }>) {
    for (const { name, root } of projects) this.byRoot.set(normalizeRoot(root), name);
  }

  ownerOf(file: string): string | null {
    let current = file.split('\\').join('/');
    for (; current !== posix.dirname(current); current = posix.dirname(current)) {
      const owner = this.byRoot.get(current);
      if (owner !== undefined) return owner;
    }
    return this.byRoot.get(current) ?? null;
  }
}

function normalizeRoot(root: string): string {
  const value = root === '' ? '.' : root;
  return value.endsWith('/') ? value.slice(0, -1) : value;
}
