import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface StackResult {
  readonly stack: string;
  readonly ok: boolean;
  /** One line per diagnostic, `error: <summary> (<address>)`, and what was relaxed. */
  readonly lines: readonly string[];
}

export interface ValidateOptions {
  /** Run directory of this stack (a copy of its cdk.tf.json goes there). */
  readonly workDir: string;
  /** Environment of the terraform calls (CLI config, plugin cache). */
  readonly env: NodeJS.ProcessEnv;
  /** The AWS provider version to validate with when the pinned one is not available. */
  readonly awsVersion?: string;
}

/**
 * `terraform init -backend=false && terraform validate` of one synthesized stack, in a copy: the
 * backend is never contacted, and with `awsVersion` the copy's provider pin is relaxed to it.
 */
export function validateStack(stackDir: string, options: ValidateOptions): StackResult {
  const stack = path.basename(stackDir);
  const json = JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const lines: string[] = [];
  const aws = json.terraform?.required_providers?.aws;
  if (options.awsVersion && aws && aws.version !== options.awsVersion) {
    lines.push(`note: provider aws ${aws.version} is pinned, validating with ${options.awsVersion} from the mirror`);
    aws.version = options.awsVersion;
  }
  mkdirSync(options.workDir, { recursive: true });
  writeFileSync(path.join(options.workDir, 'cdk.tf.json'), JSON.stringify(json));
  const tf = (args: string[]) => spawnSync('terraform', args, { cwd: options.workDir, env: options.env, encoding: 'utf8', maxBuffer: 64 << 20 });
  const init = tf(['init', '-backend=false', '-input=false', '-no-color']);
  if (init.status !== 0) {
    const first = (init.stderr || init.stdout).split('\n').find((l) => l.startsWith('Error') || l.includes('Error:')) ?? `exit ${init.status}`;
    return { stack, ok: false, lines: [...lines, `error: terraform init: ${first.replace(/^[│\s]*/, '')}`] };
  }
  const validate = tf(['validate', '-json', '-no-color']);
  const report = JSON.parse(validate.stdout || '{}') as { valid?: boolean; diagnostics?: Array<{ severity: string; summary: string; address?: string; detail?: string }> };
  for (const d of report.diagnostics ?? []) lines.push(`${d.severity}: ${d.summary}${d.address ? ` (${d.address})` : ''}`);
  return { stack, ok: report.valid === true, lines };
}
