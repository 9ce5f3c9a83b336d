/**
 * An expected failure the user can act on: the bin prints `message` (one line, no stack trace) and
 * exits with `exitCode`. No default code: each tool states its own (see its `cli-error.ts`).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
