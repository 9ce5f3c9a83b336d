import { CliError as SharedCliError } from '@platform/cli-support';

/** An expected failure: the message is shown as one line, the process exits with `exitCode` (2 unless stated). */
export class CliError extends SharedCliError {
  constructor(message: string, exitCode = 2) {
    super(message, exitCode);
  }
}
