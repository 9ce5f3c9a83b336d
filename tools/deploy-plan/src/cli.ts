import { CliError } from './cli-error';
import { deployPlanCommand } from './deploy-plan-command';
import { USAGE, parseCliArgs } from './parse-args';

export interface CliIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The one place that turns errors into a message and an exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    io.stdout(await deployPlanCommand({ ...args, cwd: io.cwd }));
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`deploy-plan: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`deploy-plan: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
