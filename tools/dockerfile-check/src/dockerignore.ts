/**
 * `.dockerignore` semantics (moby patternmatcher): patterns are relative to the context root,
 * `*` and `?` stay within one path segment, `**` spans any number, a `!` line re-includes, the
 * last matching line wins, and a path is also matched through any of its parent directories.
 */
export class DockerIgnore {
  private readonly patterns: readonly { readonly regex: RegExp; readonly exclude: boolean }[];

  constructor(text: string) {
    this.patterns = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !line.startsWith('#'))
      .map((line) => {
        const exclude = !line.startsWith('!');
        const pattern = (exclude ? line : line.slice(1)).trim().replace(/^\/+/, '').replace(/\/+$/, '');
        return { regex: globToRegExp(pattern), exclude };
      });
  }

  /** True when `path` (context-relative, `/`-separated) stays out of the build context. */
  excludes(path: string): boolean {
    const segments = path.split('/');
    const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const { regex, exclude } of this.patterns) {
      if (candidates.some((candidate) => regex.test(candidate))) excluded = exclude;
    }
    return excluded;
  }
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Paths that must never reach an image, by what they are. */
export const MUST_EXCLUDE: Readonly<Record<string, readonly string[]>> = {
  node_modules: ['node_modules/fastify/package.json', 'dist/apps/api/node_modules/x/index.js'],
  git: ['.git/HEAD', '.git/config'],
  'environment files': ['.env', '.env.local', 'apps/api/.env.production', 'dist/apps/api/.env'],
  secrets: ['secrets/api-key.txt', 'deploy/key.pem', 'dist/apps/worker/secrets/token'],
  tests: ['apps/api/src/app.spec.ts', 'apps/worker/test/consumer.test.ts', 'dist/apps/api/main.spec.js'],
  'cdktf output and terraform state': ['cdktf.out/manifest.json', 'infra/terraform.tfstate'],
  sources: ['apps/api/src/main.ts', 'libs/shared/src/index.ts', 'package-lock.json'],
};
