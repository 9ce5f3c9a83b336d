import { CliError as SharedCliError, EXIT } from '@platform/cli-support';

/**
 * The planner refuses this checkout or input: an unknown revision, a shallow clone without the
 * base, a head that is not checked out, uncommitted files, an unknown environment, a broken
 * catalog. It found a reason not to plan (the shared "found", 1).
 */
export const EXIT_REFUSED = EXIT.found;
/** Bad usage: a missing or unknown option, an unknown stack or project for the stack and docker-build bins. */
export const EXIT_USAGE = EXIT.usage;

/** An expected failure: the bin prints the one-line message and exits with exitCode (EXIT_REFUSED unless stated). */
export class CliError extends SharedCliError {
  constructor(message: string, exitCode: number = EXIT_REFUSED) {
    super(message, exitCode);
  }
}
