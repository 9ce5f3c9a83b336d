import { defineCommand, EXIT, runCli, type CliIo } from '@platform/cli-support';
import { summarizeCommand } from './summarize-command';

const USAGE = `usage: plan:summary [--json] [--fail-on-destroy] FILE...
  FILE               a \`terraform show -json\` plan, one per stack (named <env>/<stack> from its path)
  --json             print the summaries as JSON instead of the Markdown comment
  --fail-on-destroy  exit 1 (after printing) when a stateful resource would be deleted or replaced
  exit 0 ok, 1 dangerous changes with --fail-on-destroy, 2 bad input or usage, 70 a bug`;

export const planSummaryCommand = defineCommand({
  name: 'plan-summary',
  usage: USAGE,
  options: { json: { type: 'boolean', default: false }, 'fail-on-destroy': { type: 'boolean', default: false } },
  run: async ({ values, positionals }, io) => {
    await summarizeCommand({ files: positionals, json: values.json, failOnDestroy: values['fail-on-destroy'], cwd: io.cwd, write: io.stdout });
    return EXIT.ok;
  },
});

/** Runs plan:summary with `argv`; returns the exit code. */
export function main(argv: readonly string[], stderr: (text: string) => void = (t) => void process.stderr.write(t)): Promise<number> {
  const io: CliIo = { stdout: (t) => void process.stdout.write(t), stderr, cwd: process.cwd() };
  return runCli(planSummaryCommand, argv, io);
}
