import type { SourceReader } from './source-imports';

/**
 * Workspace files a set of entry files uses: for `import { Vpc } from '@platform/infra-modules'`
 * only the barrel path to the file that declares `Vpc` and what that file imports, not every
 * module behind the barrel. Namespace/default imports and names it cannot find take the whole file.
 */
export function filesUsedBy(
  reader: SourceReader,
  entryFiles: readonly string[],
  /** Files to leave out, with what they import (another project's sources, for instance). */
  stopAt: (file: string) => boolean = () => false,
): Set<string> {
  const used = new Set<string>();
  const visited = new Set<string>();

  const visitWhole = (file: string): void => {
    if (visited.has(`${file}#*`) || stopAt(file)) return;
    visited.add(`${file}#*`);
    used.add(file);
    for (const dependency of reader.read(file).imports) {
      if (dependency.file === null) continue;
      if (dependency.names === 'everything') visitWhole(dependency.file);
      else dependency.names.forEach((name) => visitName(dependency.file as string, name));
    }
  };

  const visitName = (file: string, name: string): void => {
    if (visited.has(`${file}#*`) || visited.has(`${file}#${name}`) || stopAt(file)) return;
    visited.add(`${file}#${name}`);
    used.add(file);
    const source = reader.read(file);
    if (source.localExports.has(name)) return visitWhole(file);
    const named = source.namedReExports.get(name);
    if (named !== undefined) {
      const [target, original] = named;
      if (target === null) return;
      return original === '*' ? visitWhole(target) : visitName(target, original);
    }
    const star = source.starReExports.find((target) => target !== null && exportsName(reader, target, name, new Set()));
    if (star) return visitName(star, name);
    visitWhole(file);
  };

  entryFiles.forEach(visitWhole);
  return used;
}

function exportsName(reader: SourceReader, file: string, name: string, seen: Set<string>): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const source = reader.read(file);
  if (source.localExports.has(name) || source.namedReExports.has(name)) return true;
  return source.starReExports.some((target) => target !== null && exportsName(reader, target, name, seen));
}
