/**
 * npm run cdktn:check [-- --keep] [-- --json]
 * Proves the CDKTF -> CDK Terrain switch: every stack synthesized by both must be the same
 * Terraform JSON apart from named metadata. Exit 0 equal, 1 real differences, 2 the check could not run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError, defineCommand, EXIT, runMain } from '@platform/cli-support';
import { isEquivalent } from './compare-synth';
import { renderReport } from './report';
import { runSwitchCheck } from './switch-check';
import { CDKTN_PACKAGES } from './versions';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

const USAGE = `usage: cdktn-check [--keep] [--json]
  Synthesizes every stack with cdktf and, on a scratch copy with swapped imports, with CDK Terrain, and compares them.
  --keep  keep the scratch folder
  --json  print the comparison as JSON
  exit 0 equal apart from named metadata, 1 real differences, 2 the check could not run, 70 a bug`;

runMain(
  defineCommand({
    name: 'cdktn-check',
    usage: USAGE,
    options: { keep: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    run: ({ values }, io) => {
      const workDir = mkdtempSync(path.join(os.tmpdir(), 'cdktn-check-'));
      const depsDir = io.env?.CDKTN_DEPS_DIR ?? path.join(os.tmpdir(), `cdktn-deps-${CDKTN_PACKAGES.cdktn}`);
      try {
        const result = runSwitchCheck({ workspaceRoot: WORKSPACE_ROOT, workDir, depsDir, log: (line) => io.stderr(`cdktn-check: ${line}\n`) });
        io.stdout(values.json ? JSON.stringify(result, null, 2) + '\n' : renderReport(result));
        return isEquivalent(result.comparison) ? EXIT.ok : EXIT.found;
      } catch (error) {
        const failed = error as Error & { stderr?: Buffer | string };
        const detail = failed.stderr ? String(failed.stderr).trim().split('\n').slice(-5).join('\n') : '';
        throw new CliError(`could not run: ${failed.message.split('\n')[0]}${detail ? `\n${detail}` : ''}`, EXIT.usage);
      } finally {
        if (values.keep) io.stderr(`cdktn-check: kept ${workDir}\n`);
        else rmSync(workDir, { recursive: true, force: true });
      }
    },
  }),
);
