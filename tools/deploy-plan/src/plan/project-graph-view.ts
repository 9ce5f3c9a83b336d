import type { ProjectFacts } from '../nx/nx-facts';

/** Read-only questions about the project graph Nx reported. */
export class ProjectGraphView {
  private readonly byName: ReadonlyMap<string, ProjectFacts>;
  private readonly closure = new Map<string, ReadonlySet<string>>();

  constructor(projects: readonly ProjectFacts[]) {
    this.byName = new Map(projects.map((p) => [p.name, p]));
  }

  get(name: string): ProjectFacts | undefined {
    return this.byName.get(name);
  }

  withTag(tag: string): ProjectFacts[] {
    return [...this.byName.values()].filter((p) => p.tags.includes(tag));
  }

  /** Every project `name` depends on, directly or through others (itself excluded). */
  dependenciesOf(name: string): ReadonlySet<string> {
    const cached = this.closure.get(name);
    if (cached) return cached;
    const seen = new Set<string>();
    const queue = [...(this.byName.get(name)?.dependsOn ?? [])];
    while (queue.length > 0) {
      const next = queue.pop() as string;
      if (seen.has(next) || next === name) continue;
      seen.add(next);
      queue.push(...(this.byName.get(next)?.dependsOn ?? []));
    }
    this.closure.set(name, seen);
    return seen;
  }

  /** True when `name` is `other` or depends on it. */
  reaches(name: string, other: string): boolean {
    return name === other || this.dependenciesOf(name).has(other);
  }
}
