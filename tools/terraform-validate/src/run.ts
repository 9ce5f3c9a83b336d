import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Env, findPluginMirror, mirrorCliConfig, mirrorVersions } from './plugin-mirror';
import { type StackResult, validateStack } from './validate-stack';

export interface RunOptions {
  /** cdktf output directory (manifest.json). */
  readonly out: string;
  /** Only these stack ids. @default every stack of the manifest */
  readonly stacks?: readonly string[];
  /** CI: a missing Terraform CLI is an error, and without a mirror providers come from the registry. */
  readonly require?: boolean;
  readonly env?: Env;
}

export type RunResult = { readonly skipped: string } | { readonly results: readonly StackResult[] };

/** Validates every synthesized stack, or says in one line why it cannot here. */
export function runValidate(options: RunOptions): RunResult {
  const env = options.env ?? process.env;
  const version = spawnSync('terraform', ['version'], { env: env as NodeJS.ProcessEnv, encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    if (options.require) throw new Error('no terraform CLI on PATH');
    return { skipped: 'no terraform CLI on PATH' };
  }
  const manifestFile = path.join(options.out, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} not found: run npm run synth first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { stacks: Record<string, { workingDirectory: string }> };
  const ids = Object.keys(manifest.stacks).filter((id) => !options.stacks || options.stacks.includes(id)).sort();

  const work = mkdtempSync(path.join(tmpdir(), 'terraform-validate-'));
  const childEnv: NodeJS.ProcessEnv = { ...env, TF_PLUGIN_CACHE_DIR: path.join(work, 'plugin-cache'), TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  spawnSync('mkdir', ['-p', childEnv.TF_PLUGIN_CACHE_DIR as string]);
  let awsVersion: string | undefined;
  const mirror = findPluginMirror(env);
  if (mirror) {
    const available = mirrorVersions(mirror);
    if (available.length === 0) return { skipped: `the provider mirror ${mirror} has no hashicorp/aws` };
    const pinned = ids.map((id) => pinnedAws(path.join(options.out, manifest.stacks[id].workingDirectory))).find(Boolean);
    awsVersion = pinned && available.includes(pinned) ? undefined : available[available.length - 1];
    const config = path.join(work, 'terraformrc');
    writeFileSync(config, mirrorCliConfig(mirror));
    childEnv.TF_CLI_CONFIG_FILE = config;
  } else if (!options.require) {
    return { skipped: 'no provider mirror (set TF_PLUGIN_MIRROR to a mirror directory, or TF_CLI_CONFIG_FILE to a CLI config with a filesystem_mirror; none of the implied mirror directories holds hashicorp/aws)' };
  }
  const results = ids.map((id) => validateStack(path.join(options.out, manifest.stacks[id].workingDirectory), { workDir: path.join(work, id), env: childEnv, awsVersion }));
  return { results };
}

function pinnedAws(stackDir: string): string | undefined {
  return JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).terraform?.required_providers?.aws?.version;
}
