import { CliError } from '../cli-error';
import { stackName, stackRank } from './conventions';

/**
 * Orders stacks so each comes after every stack it depends on (directly or through other projects
 * in the graph); stacks the graph leaves unordered follow infra/config's order (shared stacks, services, monitoring), unknown names last
 * alphabetically. Names may be stack names (`service`) or projects (`stack-service`). `dependsOn` maps a stack to the stacks it (transitively) depends on.
 */
export function orderStacks(stacks: readonly string[], dependsOn: (stack: string) => readonly string[]): string[] {
  const rank = (name: string): number => stackRank(stackName(name));
  const byDocumentedOrder = (a: string, b: string) => rank(a) - rank(b) || a.localeCompare(b);
  const pending = new Set(stacks);
  const ordered: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending]
      .filter((stack) => dependsOn(stack).every((dep) => !pending.has(dep) || dep === stack))
      .sort(byDocumentedOrder);
    if (ready.length === 0) {
      throw new CliError(`the stacks depend on each other in a cycle: ${[...pending].sort(byDocumentedOrder).join(', ')}`);
    }
    ordered.push(ready[0]);
    pending.delete(ready[0]);
  }
  return ordered;
}
