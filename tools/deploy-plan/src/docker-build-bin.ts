#!/usr/bin/env node
// `nx run <app>:docker-build [--dry-run]`: docker build tagged with the Nx hash of <app>:build.
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';
import { dockerBuildCommand } from './commands/docker-build';
import { runCommand } from './run-command';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { 'dry-run': { type: 'boolean' }, 'repository-prefix': { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new CliError('usage: docker-build-bin.ts <project> [--dry-run] [--repository-prefix p]', 2);
  const argvToRun = await dockerBuildCommand({ cwd: process.cwd(), project: positionals[0], repositoryPrefix: values['repository-prefix'] });
  process.stdout.write(`${argvToRun.join(' ')}\n`);
  const dryRun = values['dry-run'] === true || process.env.DEPLOY_PLAN_DRY_RUN === '1';
  return dryRun ? 0 : runCommand(argvToRun);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`docker-build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
