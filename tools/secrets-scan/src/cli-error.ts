import { CliError as SharedCliError, EXIT_INTERNAL } from '@platform/cli-support';

/** Nothing found. */
export const EXIT_CLEAN = 0;
/** At least one secret (or, with --pii, personal datum) was found. */
export const EXIT_FOUND = 1;
/** Bad arguments, an unknown revision, not a git repository, a missing file. */
export const EXIT_BAD_INPUT = 2;
/** A bug, not bad input. */
export { EXIT_INTERNAL };

/** A failure the user can act on: the bin prints `message` (one line, no stack) and exits with `exitCode`. */
export class CliError extends SharedCliError {
  constructor(message: string, exitCode: number = EXIT_BAD_INPUT) {
    super(message, exitCode);
  }
}
