/**
 * Leaf-and-branch differences between two parsed JSON documents, the way Nx compares a JSON file at
 * base and head before deciding what a change to `package.json` or the root tsconfig touches:
 * every property path (array indexes as strings) that was added, deleted or modified, parents
 * before their children, deletions and modifications (in base order) before additions (in head order).
 */
export type JsonChangeType = 'added' | 'deleted' | 'modified';

export interface JsonChange {
  readonly type: JsonChangeType;
  readonly path: readonly string[];
  readonly value: { readonly lhs: unknown; readonly rhs: unknown };
}

export function jsonDiff(lhs: unknown, rhs: unknown): JsonChange[] {
  const result: JsonChange[] = [];
  const seenInLhs = new Set<string>();
  walk(lhs, [], (path, lhsValue) => {
    seenInLhs.add(JSON.stringify(path));
    const rhsValue = valueAt(rhs, path);
    if (rhsValue === undefined) result.push({ type: 'deleted', path, value: { lhs: lhsValue, rhs: undefined } });
    else if (!deepEquals(lhsValue, rhsValue)) result.push({ type: 'modified', path, value: { lhs: lhsValue, rhs: rhsValue } });
    return typeof lhsValue === 'object';
  });
  walk(rhs, [], (path, rhsValue) => {
    if (!seenInLhs.has(JSON.stringify(path))) result.push({ type: 'added', path, value: { lhs: undefined, rhs: rhsValue } });
    return typeof rhsValue === 'object';
  });
  return result;
}

function walk(json: unknown, path: readonly string[], visit: (path: string[], value: unknown) => boolean): void {
  if (!json || typeof json !== 'object') return;
  for (const key of Object.keys(json)) {
    const next = [...path, key];
    const value = (json as Record<string, unknown>)[key];
    if (visit(next, value)) walk(value, next, visit);
  }
}

function valueAt(json: unknown, path: readonly string[]): unknown {
  let current = json;
  for (const key of path) {
    if (current === null || current === undefined) return undefined;
    current = (current as Record<string, unknown>)[key];
    if (current === undefined) return undefined;
  }
  return current;
}

function deepEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || typeof a !== 'object' || a === null || b === null) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b as object).length) return false;
  return aKeys.every((key) => deepEquals((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
