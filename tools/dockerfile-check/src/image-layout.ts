import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDockerfile, type Stage } from './parse-dockerfile';

/** What an app's image holds and runs, read from the runtime (last) stage of its Dockerfile. */
export interface ImageLayout {
  /** The folder (relative to the build context, the workspace root) COPYed into WORKDIR: the esbuild bundle. */
  readonly bundleDir: string;
  readonly workdir: string;
  /** ENV of the runtime stage. */
  readonly env: Readonly<Record<string, string>>;
  readonly entrypoint: readonly string[];
  /** Exec-form CMD. */
  readonly cmd: readonly string[];
  /** Paths declared as VOLUME. */
  readonly volumes: readonly string[];
  readonly user: string | undefined;
}

export function readImageLayout(workspaceRoot: string, app: string): ImageLayout {
  const file = `apps/${app}/Dockerfile`;
  const dockerfile = parseDockerfile(readFileSync(join(workspaceRoot, file), 'utf8'));
  const runtime: Stage = dockerfile.stages[dockerfile.stages.length - 1];
  const last = (keyword: string) => runtime.instructions.filter((i) => i.keyword === keyword).pop();
  const copy = runtime.instructions.find((i) => i.keyword === 'COPY' && i.flags.from === undefined);
  const cmd = last('CMD');
  if (copy === undefined || cmd === undefined || !cmd.execForm) throw new Error(`${file}: no COPY of the bundle or no exec-form CMD`);
  const env: Record<string, string> = {};
  for (const instruction of runtime.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const pair of instruction.args) {
      const [key, ...value] = pair.split('=');
      env[key] = value.join('=');
    }
  }
  const entrypoint = last('ENTRYPOINT');
  return {
    bundleDir: copy.args[0].replace(/\/$/, ''),
    workdir: last('WORKDIR')?.args[0] ?? '/',
    env,
    entrypoint: entrypoint?.execForm ? entrypoint.args : [],
    cmd: cmd.args,
    volumes: runtime.instructions.filter((i) => i.keyword === 'VOLUME').flatMap((i) => i.args),
    user: last('USER')?.args[0],
  };
}

/**
 * Rebuilds the image's WORKDIR in `dir` as the Dockerfile does without a Docker engine: the bundle
 * folder it COPYs, and a node_modules holding only the dependencies of the pruned package.json it
 * installs (links into the workspace's node_modules), so a require of anything else fails as it
 * would in the image. Returns the installed package names.
 */
export function assembleImageApp(workspaceRoot: string, layout: ImageLayout, dir: string): string[] {
  cpSync(join(workspaceRoot, layout.bundleDir), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const names = Object.keys(manifest.dependencies ?? {});
  for (const name of names) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(workspaceRoot, 'node_modules', name), link, 'dir');
  }
  return names;
}

/** Drops write permission on the app's own files (its linked packages stay as they are): a read-only root filesystem for the code. */
export function makeReadOnly(dir: string, readOnly = true): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) makeReadOnly(path, readOnly);
    else chmodSync(path, readOnly ? 0o444 : 0o644);
  }
  const mode = statSync(dir).mode;
  chmodSync(dir, readOnly ? mode & ~0o222 : mode | 0o200);
}
