import { posix } from 'node:path';
import { CliError } from '../cli-error';
import { collectBuildHashes } from '../nx/collect-nx-facts';
import { DEFAULT_REPOSITORY_PREFIX, IMAGE_TAG, imageTagFromHash } from '../plan/conventions';

export interface DockerBuildOptions {
  /** Workspace root. */
  readonly cwd: string;
  readonly project: string;
  /** @default PROJECT_NAME of infra config (`fargate-platform`) */
  readonly repositoryPrefix?: string;
}

/**
 * `docker build` for an image project, tagged with the digest of its build's inputs (the tag
 * deploy:plan prints). Build context: the workspace root, narrowed by .dockerignore to
 * dist/apps/<app>/. Runs in the workspace root (the Nx target sets cwd).
 */
export async function dockerBuildCommand(options: DockerBuildOptions): Promise<string[]> {
  const { hashes, roots } = await collectBuildHashes(options.cwd, IMAGE_TAG);
  const hash = hashes[options.project];
  if (hash === undefined) {
    throw new CliError(`${options.project} is not an image project (known: ${Object.keys(hashes).sort().join(', ')})`);
  }
  const image = `${options.repositoryPrefix ?? DEFAULT_REPOSITORY_PREFIX}/${options.project}:${imageTagFromHash(hash)}`;
  return ['docker', 'build', '-f', posix.join(roots[options.project], 'Dockerfile'), '-t', image, '.'];
}
