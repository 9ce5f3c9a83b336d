import { parseArgs } from 'node:util';
import { exitCodeForFailure } from '@platform/cli-support';
import { CliError } from './cli-error';
import { summarizeCommand } from './summarize-command';

const USAGE = 'usage: plan:summary [--json] [--fail-on-destroy] FILE...';

/** The one place that turns errors into a message and an exit code. Returns the exit code. */
export async function main(argv: readonly string[], stderr: (text: string) => void = (t) => void process.stderr.write(t)): Promise<number> {
  try {
    const { values, positionals } = parseOptions(argv);
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    await summarizeCommand({ files: positionals, json: values.json, failOnDestroy: values['fail-on-destroy'] });
    return 0;
  } catch (err) {
    return exitCodeForFailure('plan-summary', err, stderr);
  }
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        'fail-on-destroy': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    // Node's message adds a long hint about `--` after the first sentence; the first sentence says it.
    const message = (err as { message?: string }).message ?? String(err);
    throw new CliError(`${message.split(/\.\s/)[0].replace(/\.$/, '')} (${USAGE})`);
  }
}
