/**
 * `policy-check [paths...] [--json] [--list-rules]`: the one place that turns errors into messages
 * and exit codes (0 pass, 1 violations, 2 bad input or usage). bin.ts only sets the exit code.
 */
import { parseArgs } from 'node:util';
import { checkStacks, type PolicyReport } from './check-stacks';
import { CliError } from './cli-error';
import { formatReport, formatRuleList } from './format-report';
import { loadStacks } from './load-stacks';
import { ALL_RULES } from './rules';

export const DEFAULT_INPUT = 'cdktf.out/stacks';

const USAGE = `usage: policy-check [path...] [--json] [--list-rules]
  path          a cdk.tf.json file, or a folder holding stacks/*/cdk.tf.json or */cdk.tf.json
                (default: ${DEFAULT_INPUT})
  --json        print the report as JSON
  --list-rules  print the rules and exit`;

export interface PolicyCheckOptions {
  readonly inputs: readonly string[];
  readonly cwd: string;
}

/** The command: load every stack under the inputs and run every rule. */
export async function policyCheck(options: PolicyCheckOptions): Promise<PolicyReport> {
  const inputs = options.inputs.length > 0 ? options.inputs : [DEFAULT_INPUT];
  return checkStacks(await loadStacks(inputs, options.cwd));
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        'list-rules': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split(/\.\s|\n/)[0]}\n${USAGE}`);
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (values['list-rules']) {
    io.stdout(values.json ? `${JSON.stringify(ALL_RULES.map(({ check: _check, ...rule }) => rule), null, 2)}\n` : formatRuleList(ALL_RULES));
    return 0;
  }
  const report = await policyCheck({ inputs: positionals, cwd: io.cwd });
  io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.violations.length > 0 ? 1 : 0;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`policy-check: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug, not bad input: still one line, with the trace only on request.
    io.stderr(`policy-check: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env['POLICY_CHECK_DEBUG']) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return 3;
  }
}
