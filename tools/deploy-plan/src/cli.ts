/**
 * `deploy:plan`: exit 0 with the plan, 1 when the planner refuses this checkout or input, 2 for
 * usage, 70 for a bug; messages and codes come from the shared runCli. bin.ts only runs it.
 */
import { defineCommand, EXIT, runCli as runSharedCli, type CliIo } from '@platform/cli-support';
import { CliError } from './cli-error';
import { deployPlanCommand, type DeployPlanOptions, type OutputFormat } from './deploy-plan-command';

export const USAGE = `Usage: npm run --silent deploy:plan -- --base <rev> [--head <rev>] [--env dev|staging|prod ...] [--json | --github-matrix]

Prints the images to build (project, Dockerfile, repository, tag) and, per environment, the
stacks to plan/apply in dependency order, from Nx's affected computation between base and head.
Run it on a clean checkout of head.
  --base <rev>               the last deployed commit
  --head <rev>               the commit to deploy, checked out (default HEAD)
  --env <env>                only these environments; may repeat or take a comma-separated list
  --json                     print the plan as JSON
  --github-matrix            print GitHub Actions matrices (images; one job per environment)
  --repository-prefix <p>    ECR repository prefix (default fargate-platform)
exit 0 the plan, 1 the planner refuses (unknown revision, shallow clone, head not checked out,
uncommitted files, unknown environment, broken catalog), 2 usage, 70 a bug`;

export const deployPlanCli = defineCommand({
  name: 'deploy-plan',
  usage: USAGE,
  options: {
    base: { type: 'string' },
    head: { type: 'string' },
    env: { type: 'string', multiple: true },
    json: { type: 'boolean', default: false },
    'github-matrix': { type: 'boolean', default: false },
    'repository-prefix': { type: 'string' },
  },
  run: async ({ values, positionals }, io) => {
    if (positionals.length > 0) throw new CliError(`unexpected argument ${positionals[0]}\n${USAGE}`, EXIT.usage);
    if (values.base === undefined) throw new CliError(`--base <rev> is required\n${USAGE}`, EXIT.usage);
    if (values.json && values['github-matrix']) throw new CliError('choose one of --json and --github-matrix', EXIT.usage);
    const format: OutputFormat = values.json ? 'json' : values['github-matrix'] ? 'github-matrix' : 'table';
    const options: DeployPlanOptions = {
      cwd: io.cwd,
      base: values.base,
      head: values.head,
      environments: (values.env ?? []).flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean),
      format,
      repositoryPrefix: values['repository-prefix'],
    };
    io.stdout(await deployPlanCommand(options));
    return EXIT.ok;
  },
});

/** Runs deploy:plan with `argv`; returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runSharedCli(deployPlanCli, argv, io);
}
