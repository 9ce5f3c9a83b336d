import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App } from 'cdktf';
import { ENVIRONMENT_NAMES, loadEnvironments, readPreviewEnvironment } from '@platform/infra-config';
import { loadCatalog, type ServiceCatalog } from '@platform/service-catalog';
import { buildPlatform } from '../platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export const REPO = resolve(__dirname, '../..');

/** The workspace's own catalog: what every expectation below is derived from. */
export function workspaceCatalog(): ServiceCatalog {
  return loadCatalog({ workspaceRoot: REPO, environmentNames: ENVIRONMENT_NAMES });
}

export interface SynthResult {
  readonly outdir: string;
  readonly catalog: ServiceCatalog;
  read(stackId: string): Json;
  manifest(): Json;
  cleanup(): void;
}

/** Synthesizes the whole platform (cross-stack references resolved) into a temporary folder. */
export function synthPlatform(env: Readonly<Record<string, string>> = {}, catalog = workspaceCatalog()): SynthResult {
  const outdir = mkdtempSync(join(tmpdir(), 'infra-app-'));
  const app = new App({ outdir });
  buildPlatform(app, { environments: loadEnvironments(env), catalog, preview: readPreviewEnvironment(env), env });
  app.synth();
  return {
    outdir,
    catalog,
    read: (id) => JSON.parse(readFileSync(join(outdir, 'stacks', id, 'cdk.tf.json'), 'utf8')),
    manifest: () => JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** A container definition of a synthesized task definition, by family. */
export function containerOf(stack: Json, family: string): Json {
  const task = Object.values(stack.resource.aws_ecs_task_definition).find((t) => (t as Json).family === family) as Json;
  if (!task) throw new Error(`no task definition ${family}`);
  return JSON.parse(task.container_definitions)[0];
}

export function environmentOf(container: Json): Record<string, string> {
  return Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
}
