/**
 * The CDKTF app (run by `cdktf synth` through cdktf.json, or directly with `tsx infra/main.ts`).
 * ENVIRONMENTS=dev,prod and STACKS=svc-api,edge narrow what is built (dependencies are added;
 * `svc` means every service); PREVIEW_ENVIRONMENT=pr-123 adds that pull request's copies of dev's
 * edge and service stacks (pr-123-edge, pr-123-svc-<name>); output goes to CDKTF_OUTDIR (set by
 * the cdktf CLI) or cdktf.out. The services are the catalog: every apps/<name>/service.json.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { App } from 'cdktf';
import { ConfigError, ENVIRONMENT_NAMES, loadEnvironments, readPreviewEnvironment, resolveStackSelection } from '@platform/infra-config';
import { CatalogError, loadCatalog } from '@platform/service-catalog';
import { buildPlatform } from './platform';

const WORKSPACE_ROOT = path.resolve(__dirname, '..');

function main(): void {
  // Config and catalog first: a bad value fails before anything is written.
  const environments = loadEnvironments(process.env);
  const preview = readPreviewEnvironment(process.env);
  const catalog = loadCatalog({ workspaceRoot: WORKSPACE_ROOT, environmentNames: ENVIRONMENT_NAMES });
  const services = catalog.services.map((s) => s.name);
  // A preview's stacks read their base environment's network, registry and data stacks.
  const stacks = preview && process.env.STACKS ? `${process.env.STACKS},network,registry,data` : process.env.STACKS;
  const selection = resolveStackSelection(stacks, services);
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  buildPlatform(app, { environments, catalog, selection, preview });
  app.synth();
}

try {
  main();
} catch (error) {
  // Config and catalog mistakes are the common failure: one clear line each, no stack trace.
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof ConfigError || error instanceof CatalogError || (error instanceof Error && error.name === 'InvalidPropsError');
  console.error(known ? `infra: ${message}` : error);
  process.exit(1);
}
