import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pinnedProviderKnows } from './pinned-schema';

export interface StackResult {
  readonly stack: string;
  readonly ok: boolean;
  /**
   * One line per diagnostic, `error: <summary>: <detail> (<address>)`, what was relaxed, and
   * `unchecked:` for an argument only the pinned provider (not the mirror's older one) has.
   */
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
  const pinned: string | undefined = aws?.version;
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
  const report = JSON.parse(validate.stdout || '{}') as { valid?: boolean; diagnostics?: Diagnostic[] };
  let errors = 0;
  for (const d of report.diagnostics ?? []) {
    const where = d.address ?? d.snippet?.context;
    const newer = options.awsVersion && pinned !== options.awsVersion ? newerThanMirror(d) : undefined;
    if (newer) {
      lines.push(`unchecked: ${newer} is in aws ${pinned} (the pin), not in ${options.awsVersion} (the mirror)${where ? ` (${where})` : ''}`);
      continue;
    }
    if (d.severity === 'error') errors += 1;
    lines.push(`${d.severity}: ${d.summary}${d.detail ? `: ${d.detail}` : ''}${where ? ` (${where})` : ''}`);
  }
  return { stack, ok: validate.status === 0 ? report.valid === true : errors === 0 && report.diagnostics !== undefined, lines };
}

interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail?: string;
  readonly address?: string;
  readonly snippet?: { readonly context?: string };
}

/**
 * An argument the mirror's older provider does not have but the pinned one does (by its
 * bindings): `<type>.<argument>`, else undefined (a real error).
 */
function newerThanMirror(d: Diagnostic): string | undefined {
  if (!/^(Extraneous JSON object property|Unsupported argument|Unsupported block type)$/.test(d.summary)) return undefined;
  const attribute = /named "([a-z0-9_]+)"/.exec(d.detail ?? '')?.[1];
  const block = /^(resource|data)\.(aws_[a-z0-9_]+)\./.exec(d.snippet?.context ?? d.address ?? '');
  if (!attribute || !block) return undefined;
  return pinnedProviderKnows(block[1] as 'resource' | 'data', block[2], attribute) ? `${block[2]}.${attribute}` : undefined;
}
