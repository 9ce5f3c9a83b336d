import { collectNxFacts } from './collect-nx-facts';
import type { NxFacts, ProbeRequest } from './nx-facts';

/** Asks the Nx of the workspace at `cwd` for the facts of base..head (see collect-nx-facts.ts). */
export function runNxProbe(cwd: string, request: ProbeRequest): Promise<NxFacts> {
  return collectNxFacts(cwd, request);
}
