import { parseArgs } from 'node:util';
import { CliError } from './cli-error';
import type { DeployPlanOptions, OutputFormat } from './deploy-plan-command';

export const USAGE = `Usage: npm run --silent deploy:plan -- --base <rev> [--head <rev>] [--env dev|staging|prod ...] [--json | --github-matrix]

Prints the images to build (project, Dockerfile, repository, tag) and, per environment, the
stacks to plan/apply in dependency order, from Nx's affected computation between base and head.
Run it on a clean checkout of head. --env may repeat or take a comma-separated list.`;

export type ParsedArgs = { readonly help: true } | (Omit<DeployPlanOptions, 'cwd'> & { readonly help: false });

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        env: { type: 'string', multiple: true },
        json: { type: 'boolean' },
        'github-matrix': { type: 'boolean' },
        'repository-prefix': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`, 2);
  }
  if (values.help) return { help: true };
  if (values.base === undefined) throw new CliError(`--base <rev> is required\n${USAGE}`, 2);
  if (values.json && values['github-matrix']) throw new CliError('choose one of --json and --github-matrix', 2);
  const format: OutputFormat = values.json ? 'json' : values['github-matrix'] ? 'github-matrix' : 'table';
  const environments = (values.env ?? []).flatMap((e) => e.split(',')).map((e) => e.trim()).filter(Boolean);
  return {
    help: false,
    base: values.base,
    head: values.head,
    environments,
    format,
    repositoryPrefix: values['repository-prefix'],
  };
}
