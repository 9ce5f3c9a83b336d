/**
 * `policy-check [paths...] [--json] [--list-rules]`: exit 0 pass, 1 violations, 2 bad input or
 * usage, 70 a bug; messages and codes come from the shared runCli. bin.ts only runs it.
 */
import { defineCommand, EXIT, runCli as runSharedCli, type CliIo } from '@platform/cli-support';
import { checkStacks, type PolicyReport } from './check-stacks';
import { formatReport, formatRuleList } from './format-report';
import { loadStacks } from './load-stacks';
import { ALL_RULES } from './rules';

export const DEFAULT_INPUT = 'cdktf.out/stacks';

const USAGE = `usage: policy-check [path...] [--json] [--list-rules]
  path          a cdk.tf.json file, or a folder holding stacks/*/cdk.tf.json or */cdk.tf.json
                (default: ${DEFAULT_INPUT})
  --json        print the report as JSON
  --list-rules  print the rules and exit
  --help        this text`;

export interface PolicyCheckOptions {
  readonly inputs: readonly string[];
  readonly cwd: string;
}

/** The command: load every stack under the inputs and run every rule. */
export async function policyCheck(options: PolicyCheckOptions): Promise<PolicyReport> {
  const inputs = options.inputs.length > 0 ? options.inputs : [DEFAULT_INPUT];
  return checkStacks(await loadStacks(inputs, options.cwd));
}

export const policyCheckCommand = defineCommand({
  name: 'policy-check',
  usage: USAGE,
  options: {
    json: { type: 'boolean', default: false },
    'list-rules': { type: 'boolean', default: false },
  },
  run: async ({ values, positionals }, io) => {
    if (values['list-rules']) {
      io.stdout(values.json ? `${JSON.stringify(ALL_RULES.map(({ check: _check, ...rule }) => rule), null, 2)}\n` : formatRuleList(ALL_RULES));
      return EXIT.ok;
    }
    const report = await policyCheck({ inputs: positionals, cwd: io.cwd });
    io.stdout(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.violations.length > 0 ? EXIT.found : EXIT.ok;
  },
});

/** 0 pass, 1 violations, 2 bad input or usage, 70 a bug (the shared runCli of every tool). */
export function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  return runSharedCli(policyCheckCommand, argv, io);
}
