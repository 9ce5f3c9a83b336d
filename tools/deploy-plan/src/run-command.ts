import { spawn } from 'node:child_process';
import { CliError } from './cli-error';

/** Runs a real CLI with inherited stdio (in `cwd`, default this process's); resolves with its exit code. */
export function runCommand(argv: readonly string[], env: Readonly<Record<string, string>> = {}, cwd?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { stdio: 'inherit', env: { ...process.env, ...env }, cwd });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new CliError(`${argv[0]} is not installed or not on PATH`) : error),
    );
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
