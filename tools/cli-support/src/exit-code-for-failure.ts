import { CliError } from './cli-error';

/** A bug, not bad input (BSD sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

/**
 * The shared catch block of a tool's `main`: writes one line `<tool>: ...` to `stderr` and returns
 * the exit code — the CliError's own code, or 70 for anything else (still one line, so CI logs stay readable).
 */
export function exitCodeForFailure(tool: string, error: unknown, stderr: (text: string) => void): number {
  if (error instanceof CliError) {
    stderr(`${tool}: ${error.message}\n`);
    return error.exitCode;
  }
  stderr(`${tool}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT_INTERNAL;
}
