import { posix } from 'node:path';
import { CliError } from '../cli-error';
import { collectBuildHashes } from '../nx/collect-nx-facts';
import { DEFAULT_REPOSITORY_PREFIX, IMAGE_TAG, imageTagFromHash } from '../plan/conventions';

export interface DockerBuildOptions {
  readonly project: string;
  /** @default PROJECT_NAME of infra config (`fargate-platform`) */
  readonly repositoryPrefix?: string;
}

/**
 * `docker build` for an image project, tagged with the Nx hash of its build (the tag deploy:plan
 * prints). Build context: the workspace root, narrowed by .dockerignore to dist/apps/<app>/.
 * Runs in the workspace root (the Nx target sets cwd), where Nx reads the graph in-process.
 */
export async function dockerBuildCommand(options: DockerBuildOptions): Promise<string[]> {
  Object.assign(process.env, { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false' });
  const { hashes, roots } = await collectBuildHashes(IMAGE_TAG);
  const hash = hashes[options.project];
  if (hash === undefined) {
    throw new CliError(`${options.project} is not an image project (known: ${Object.keys(hashes).sort().join(', ')})`);
  }
  const image = `${options.repositoryPrefix ?? DEFAULT_REPOSITORY_PREFIX}/${options.project}:${imageTagFromHash(hash)}`;
  return ['docker', 'build', '-f', posix.join(roots[options.project], 'Dockerfile'), '-t', image, '.'];
}
