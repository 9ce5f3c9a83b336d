import { CliError as SharedCliError } from '@platform/cli-support';

/** Bad usage, a missing file, malformed JSON or JSON that is not a plan. */
export const EXIT_BAD_INPUT = 1;
/** `--fail-on-destroy` was given and a stateful resource would be deleted or replaced. */
export const EXIT_DANGEROUS_CHANGE = 2;

/** A failure the user can act on: the bin prints `message` (one line, no stack) and exits with `exitCode`. */
export class CliError extends SharedCliError {
  constructor(message: string, exitCode: number = EXIT_BAD_INPUT) {
    super(message, exitCode);
  }
}
