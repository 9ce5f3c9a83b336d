import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

/** A bug, not bad input (BSD sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

/** Exit codes every tool uses: 0 ok, 1 the check found something, 2 bad input or usage, 70 a bug. */
export const EXIT = { ok: 0, found: 1, usage: 2, internal: EXIT_INTERNAL } as const;

/** Where a command reads and writes: the process in a bin, buffers in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

export interface CliCommand<O extends Options> {
  /** Prefix of every message line, e.g. `policy-check`. */
  readonly name: string;
  /** The whole `--help` text; its first line is repeated after a usage error. */
  readonly usage: string;
  readonly options: O;
  /** Runs the command and returns its exit code; throws CliError for input it cannot use. */
  readonly run: (args: Parsed<O>, io: CliIo) => Promise<number> | number;
}

/** Defines a command (keeps the option types for `run`). */
export function defineCommand<O extends Options>(command: CliCommand<O>): CliCommand<O> {
  return command;
}

/**
 * The one shape of every tool's command line: `--help`/`-h` prints the usage, a parse error (with
 * the usage line) or a CliError is one line `<name>: <message>` and its exit code (2 for usage), anything else is one
 * line `<name>: internal error: ...` and 70 (the stack with CLI_DEBUG=1).
 */
export async function runCli<O extends Options>(command: CliCommand<O>, argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return EXIT.ok;
  }
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: [...argv], options: command.options, allowPositionals: true, strict: true }) as Parsed<O>;
  } catch (error) {
    const reason = (error as Error).message.split(/\.\s|\n/)[0].replace(/\.$/, '');
    io.stderr(`${command.name}: ${reason} (${command.usage.split('\n')[0]}; --help for more)\n`);
    return EXIT.usage;
  }
  try {
    return await command.run(parsed, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${command.name}: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr(`${command.name}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if ((io.env ?? process.env).CLI_DEBUG) io.stderr(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT.internal;
  }
}

/** The process side of a bin: real stdout/stderr/cwd/env, and the exit code set (not forced) when done. */
export function runMain<O extends Options>(command: CliCommand<O>): void {
  const io: CliIo = { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t), cwd: process.cwd(), env: process.env };
  void runCli(command, process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
