import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * A local provider mirror: `TF_PLUGIN_MIRROR` (a directory), else the `filesystem_mirror` path
 * of the CLI config in `TF_CLI_CONFIG_FILE`; undefined when neither names an existing directory.
 */
export function findPluginMirror(env: Env): string | undefined {
  const direct = env.TF_PLUGIN_MIRROR?.trim();
  if (direct) return isDir(direct) ? path.resolve(direct) : undefined;
  const config = env.TF_CLI_CONFIG_FILE?.trim();
  if (!config || !existsSync(config)) return undefined;
  const m = /filesystem_mirror\s*\{[^}]*?path\s*=\s*"([^"]+)"/s.exec(readFileSync(config, 'utf8'));
  return m && isDir(m[1]) ? path.resolve(m[1]) : undefined;
}

/** Versions of `hashicorp/<name>` in a mirror, unpacked (`<version>/<os_arch>/`) or packed (`..._<version>_<os>_<arch>.zip`). */
export function mirrorVersions(mirror: string, name = 'aws'): string[] {
  const dir = path.join(mirror, 'registry.terraform.io', 'hashicorp', name);
  if (!isDir(dir)) return [];
  const versions = readdirSync(dir).flatMap((entry) => {
    if (isDir(path.join(dir, entry)) && /^\d+\.\d+\.\d+/.test(entry)) return [entry];
    const zip = new RegExp(`^terraform-provider-${name}_(\\d+\\.\\d+\\.\\d+[^_]*)_[a-z0-9]+_[a-z0-9]+\\.zip$`).exec(entry);
    return zip ? [zip[1]] : [];
  });
  return [...new Set(versions)].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** The CLI config that makes `terraform init` install providers from the mirror only. */
export function mirrorCliConfig(mirror: string): string {
  return [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    '    include = ["registry.terraform.io/*/*"]',
    '  }',
    '}',
    '',
  ].join('\n');
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
