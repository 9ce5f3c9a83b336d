import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const WORKFLOWS_DIR = path.join(REPO_ROOT, '.github/workflows');

/** The parts of a workflow these checks read; everything else stays `unknown`. */
export interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}

export interface Job {
  readonly if?: string;
  readonly 'runs-on'?: unknown;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly environment?: unknown;
  readonly concurrency?: { group?: string; 'cancel-in-progress'?: boolean } | string;
  readonly needs?: string | readonly string[];
  readonly env?: Record<string, string>;
  readonly outputs?: Record<string, string>;
  readonly steps?: readonly Step[];
}

export interface Workflow {
  readonly file: string;
  readonly text: string;
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly env?: Record<string, string>;
  readonly jobs: Record<string, Job>;
}

export function workflowFiles(dir = WORKFLOWS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Parses a workflow; a YAML error is thrown with the file and line, never half-read. */
export function loadWorkflow(file: string): Workflow {
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new Error(`${path.relative(REPO_ROOT, file)}: invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  }
  const data = doc.toJS() as Omit<Workflow, 'file' | 'text'>;
  return { ...data, file, text };
}

export function* steps(workflow: Workflow): Generator<{ job: string; step: Step }> {
  for (const [job, def] of Object.entries(workflow.jobs)) {
    for (const step of def.steps ?? []) yield { job, step };
  }
}

/** A step's environment as the runner builds it: workflow `env`, then the job's, then the step's. */
export function stepEnv(workflow: Workflow, job: Job, step: Step): Record<string, string> {
  return { ...(workflow.env ?? {}), ...(job.env ?? {}), ...(step.env ?? {}) };
}

/** A job's `needs`, always as a list. */
export function needsOf(job: Job): string[] {
  return job.needs === undefined ? [] : typeof job.needs === 'string' ? [job.needs] : [...job.needs];
}
