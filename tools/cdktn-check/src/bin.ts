/**
 * npm run cdktn:check [-- --keep] [-- --json]
 * Proves the CDKTF -> CDK Terrain switch: every stack synthesized by both must be the same
 * Terraform JSON apart from named metadata. Exit 0 equal, 1 real differences, 2 the check could not run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isEquivalent } from './compare-synth';
import { renderReport } from './report';
import { runSwitchCheck } from './switch-check';
import { CDKTN_PACKAGES } from './versions';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

function main(argv: string[]): number {
  const unknown = argv.filter((a) => a !== '--keep' && a !== '--json');
  if (unknown.length > 0) {
    process.stderr.write(`cdktn-check: unknown argument ${unknown[0]}\nusage: cdktn-check [--keep] [--json]\n`);
    return 2;
  }
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'cdktn-check-'));
  const depsDir = process.env.CDKTN_DEPS_DIR ?? path.join(os.tmpdir(), `cdktn-deps-${CDKTN_PACKAGES.cdktn}`);
  try {
    const result = runSwitchCheck({ workspaceRoot: WORKSPACE_ROOT, workDir, depsDir, log: (line) => process.stderr.write(`cdktn-check: ${line}\n`) });
    process.stdout.write(argv.includes('--json') ? JSON.stringify(result, null, 2) + '\n' : renderReport(result));
    return isEquivalent(result.comparison) ? 0 : 1;
  } catch (error) {
    const failed = error as Error & { stderr?: Buffer | string };
    const detail = failed.stderr ? String(failed.stderr).trim().split('\n').slice(-5).join('\n') : '';
    process.stderr.write(`cdktn-check: could not run: ${failed.message.split('\n')[0]}${detail ? `\n${detail}` : ''}\n`);
    return 2;
  } finally {
    if (argv.includes('--keep')) process.stderr.write(`cdktn-check: kept ${workDir}\n`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

process.exitCode = main(process.argv.slice(2));
