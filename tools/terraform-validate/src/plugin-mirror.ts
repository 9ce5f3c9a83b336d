import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * A local provider mirror: `TF_PLUGIN_MIRROR` (a directory), else the `filesystem_mirror` path
 * of the CLI config in `TF_CLI_CONFIG_FILE` (or ~/.terraformrc), else the first of Terraform's
 * implied local mirror directories that holds hashicorp/aws; undefined when none does.
 */
export function findPluginMirror(env: Env): string | undefined {
  const direct = env.TF_PLUGIN_MIRROR?.trim();
  if (direct) return isDir(direct) ? path.resolve(direct) : undefined;
  const home = env.HOME?.trim();
  const config = env.TF_CLI_CONFIG_FILE?.trim() || (home ? path.join(home, '.terraformrc') : undefined);
  if (config && existsSync(config)) {
    const m = /filesystem_mirror\s*\{[^}]*?path\s*=\s*"([^"]+)"/s.exec(readFileSync(config, 'utf8'));
    if (m && isDir(m[1])) return path.resolve(m[1]);
  }
  return impliedMirrors(env).find((dir) => mirrorVersions(dir).length > 0);
}

/** Terraform's implied local mirrors on Linux/macOS (CLI configuration docs, "Implied Local Mirror Directories"). */
function impliedMirrors(env: Env): string[] {
  const home = env.HOME?.trim();
  const dataHome = env.XDG_DATA_HOME?.trim() || (home ? path.join(home, '.local/share') : undefined);
  return [
    ...(home ? [path.join(home, '.terraform.d/plugins')] : []),
    ...(dataHome ? [path.join(dataHome, 'terraform/plugins')] : []),
    ...(env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':').filter(Boolean).map((d) => path.join(d, 'terraform/plugins')),
  ];
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
