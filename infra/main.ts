/**
 * The CDKTF app (run by `cdktf synth` through cdktf.json, or directly with `tsx infra/main.ts`).
 * ENVIRONMENTS=dev,prod and STACKS=service narrow what is built (dependencies are added);
 * PREVIEW_ENVIRONMENT=pr-123 adds that pull request's copy of dev's service stack (pr-123-service);
 * output goes to CDKTF_OUTDIR (set by the cdktf CLI) or cdktf.out.
 */
import { mkdirSync } from 'node:fs';
import { App } from 'cdktf';
import { ConfigError, loadEnvironments, readPreviewEnvironment } from '@platform/infra-config';
import { buildPlatform, resolveStackSelection } from './platform';

function main(): void {
  // Config first: a bad value fails before anything is written.
  const environments = loadEnvironments(process.env);
  const preview = readPreviewEnvironment(process.env);
  // A preview's service stack reads its base environment's network, registry and data stacks.
  const stacks = preview && process.env.STACKS ? `${process.env.STACKS},service` : process.env.STACKS;
  const selection = resolveStackSelection(stacks);
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  buildPlatform(app, environments, selection, preview);
  app.synth();
}

try {
  main();
} catch (error) {
  // Config mistakes are the common failure: one clear line, no stack trace.
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof ConfigError || (error instanceof Error && error.name === 'InvalidPropsError') ? `infra: ${message}` : error);
  process.exit(1);
}
