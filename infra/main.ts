/**
 * The CDKTF app (run by `cdktf synth` through cdktf.json, or directly with `tsx infra/main.ts`).
 * ENVIRONMENTS=dev,prod and STACKS=service narrow what is built (dependencies are added);
 * output goes to CDKTF_OUTDIR (set by the cdktf CLI) or cdktf.out.
 */
import { mkdirSync } from 'node:fs';
import { App } from 'cdktf';
import { ConfigError, loadEnvironments } from '@platform/infra-config';
import { buildPlatform, resolveStackSelection } from './platform';

function main(): void {
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir });
  buildPlatform(app, loadEnvironments(process.env), resolveStackSelection(process.env.STACKS));
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
