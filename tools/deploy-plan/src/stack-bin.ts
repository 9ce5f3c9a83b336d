#!/usr/bin/env node
// `nx run stack-<name>:plan:<env> [--dry-run]` and `...:deploy:<env>`: cdktf diff/deploy of one stack.
import { parseArgs } from 'node:util';
import { CliError } from './cli-error';
import { formatCommand, stackCommand, type StackAction } from './commands/stack-command';
import { runCommand } from './run-command';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { env: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
  });
  const [action, stack] = positionals;
  if ((action !== 'plan' && action !== 'deploy') || stack === undefined || positionals.length !== 2) {
    throw new CliError('usage: stack-bin.ts <plan|deploy> <stack> --env <env> [--dry-run]', 2);
  }
  const command = stackCommand({ action: action as StackAction, stack, environment: values.env });
  process.stdout.write(`${formatCommand(command)}\n`);
  // DEPLOY_PLAN_DRY_RUN=1 as well as --dry-run: a safety net for tests and rehearsals in CI.
  const dryRun = values['dry-run'] === true || process.env.DEPLOY_PLAN_DRY_RUN === '1';
  return dryRun ? 0 : runCommand(command.argv, command.env);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`stack: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  },
);
