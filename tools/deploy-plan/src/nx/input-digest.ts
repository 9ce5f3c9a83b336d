/**
 * A digest of everything a task's hash plan names: the contents of its input files, the task's
 * own target configuration, the npm packages (through the lock file), environment variables and
 * runtime command outputs. Nx hashes the same plan for its cache key; the key itself is not part of
 * Nx's public API, so the planner digests the plan instead. The digest changes exactly when one of
 * those inputs changes, is the same on every machine for the same files, and reads the files on
 * disk (so `docker-build` of an uncommitted change gets the tag of what it builds).
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesOfPlan, type HashPlanEntry, type WorkspaceFiles } from './hash-plan';
import type { ProjectNodeJson } from './nx-graph';

/** Bumped when what goes into the digest changes, so equal digests always mean equal inputs. */
const DIGEST_FORMAT = 'deploy-plan input digest 1';

export interface DigestContext {
  readonly cwd: string;
  readonly files: WorkspaceFiles;
  readonly nodes: Readonly<Record<string, ProjectNodeJson>>;
  readonly env: NodeJS.ProcessEnv;
}

/** Decimal digits of the first 64 bits of a sha256 over the task and its plan (same form as an Nx hash). */
export function digestTask(task: { readonly project: string; readonly target: string }, plan: readonly HashPlanEntry[], context: DigestContext): string {
  const hash = createHash('sha256');
  const line = (...parts: string[]) => hash.update(`${parts.join('\0')}\n`);
  line(DIGEST_FORMAT, task.project, task.target);
  for (const file of filesOfPlan(plan, context.files)) line('file', file, sha256(readFileSync(join(context.cwd, file))));
  const entries = plan.map((entry) => describe(entry, task, context)).filter((e): e is string => e !== null);
  for (const entry of [...new Set(entries)].sort()) line(entry);
  return BigInt(`0x${hash.digest('hex').slice(0, 16)}`).toString(10);
}

function describe(entry: HashPlanEntry, task: { readonly project: string; readonly target: string }, context: DigestContext): string | null {
  switch (entry.kind) {
    case 'project-files':
    case 'workspace-files':
    case 'tsconfig':
      return null; // their files are digested above
    case 'project-configuration': {
      const node = context.nodes[entry.project];
      if (node === undefined) throw new Error(`the hash plan of ${task.project}:${task.target} names project ${entry.project}, which is not in the graph`);
      // The task's own target as Nx resolved it (executor, options, inputs); a dependency counts by its files.
      const own = entry.project === task.project ? node.data.targets?.[task.target] ?? null : null;
      return `configuration\0${entry.project}\0${node.data.root}\0${stableJson(own)}`;
    }
    case 'external':
      return `external\0${entry.name}`; // its version is in the lock file, a file of the plan
    case 'all-external':
      return 'external\0*';
    case 'env': {
      const value = context.env[entry.name];
      return `env\0${entry.name}\0${value === undefined ? 'unset' : sha256(value)}`;
    }
    case 'runtime':
      return `runtime\0${entry.command}\0${sha256(execSync(entry.command, { cwd: context.cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))}`;
  }
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted, so equal values give equal text whatever order Nx wrote them in. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
