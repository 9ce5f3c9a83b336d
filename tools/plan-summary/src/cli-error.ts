import { CliError as SharedCliError, EXIT } from '@platform/cli-support';

/** `--fail-on-destroy` was given and a stateful resource would be deleted or replaced (the check found something). */
export const EXIT_DANGEROUS_CHANGE = EXIT.found;
/** Bad usage, a missing file, malformed JSON or JSON that is not a plan. */
export const EXIT_BAD_INPUT = EXIT.usage;

/** A failure the user can act on: the bin prints `message` (one line, no stack) and exits with `exitCode`. */
export class CliError extends SharedCliError {
  constructor(message: string, exitCode: number = EXIT_BAD_INPUT) {
    super(message, exitCode);
  }
}
