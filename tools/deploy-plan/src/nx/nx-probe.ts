/**
 * Child-process entry: prints NxFacts for the workspace in cwd as JSON. The planner uses it when
 * it plans a workspace other than its own cwd (Nx cannot switch workspace roots in one process).
 */
import { collectNxFacts } from './collect-nx-facts';
import type { ProbeRequest } from './nx-facts';

collectNxFacts(JSON.parse(process.argv[2] ?? '{}') as ProbeRequest).then(
  (facts) => process.stdout.write(JSON.stringify(facts)),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
