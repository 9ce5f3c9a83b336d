import { CliError as SharedCliError } from '@platform/cli-support';

/** An expected failure: bin.ts prints the one-line message and exits with exitCode (1 unless stated), no stack trace. */
export class CliError extends SharedCliError {
  constructor(message: string, exitCode = 1) {
    super(message, exitCode);
  }
}
