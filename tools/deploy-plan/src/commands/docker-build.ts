import { posix } from 'node:path';
import { defineCommand, EXIT } from '@platform/cli-support';
import { CliError, EXIT_USAGE } from '../cli-error';
import { collectBuildHashes } from '../nx/collect-nx-facts';
import { DEFAULT_REPOSITORY_PREFIX, IMAGE_TAG, imageTagFromHash } from '../plan/conventions';
import { runCommand } from '../run-command';

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
    throw new CliError(`${options.project} is not an image project (known: ${Object.keys(hashes).sort().join(', ')})`, EXIT_USAGE);
  }
  const image = `${options.repositoryPrefix ?? DEFAULT_REPOSITORY_PREFIX}/${options.project}:${imageTagFromHash(hash)}`;
  return ['docker', 'build', '-f', posix.join(roots[options.project], 'Dockerfile'), '-t', image, '.'];
}

const USAGE = `usage: docker-build-bin.ts <project> [--dry-run] [--repository-prefix <p>]
  (what nx run <app>:docker-build runs) docker build -f apps/<app>/Dockerfile -t <prefix>/<app>:<tag> .
  with the tag deploy:plan prints for the app
  --dry-run                print the command, run nothing (DEPLOY_PLAN_DRY_RUN=1 does the same)
  --repository-prefix <p>  ECR repository prefix (default fargate-platform)
exit: docker's own code; 2 usage or not an image project; 70 a bug`;

export const dockerBuildCli = defineCommand({
  name: 'docker-build',
  usage: USAGE,
  options: { 'dry-run': { type: 'boolean', default: false }, 'repository-prefix': { type: 'string' } },
  run: async ({ values, positionals }, io) => {
    if (positionals.length !== 1) throw new CliError(`expected one project, got ${positionals.length}\n${USAGE}`, EXIT.usage);
    const argv = await dockerBuildCommand({ cwd: io.cwd, project: positionals[0], repositoryPrefix: values['repository-prefix'] });
    io.stdout(`${argv.join(' ')}\n`);
    const dryRun = values['dry-run'] || (io.env ?? process.env).DEPLOY_PLAN_DRY_RUN === '1';
    return dryRun ? EXIT.ok : runCommand(argv);
  },
});
