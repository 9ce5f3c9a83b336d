import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from '../cli-error';
import type { NxFacts, ProbeRequest } from './nx-facts';

/**
 * No daemon (CI has none; results must not depend on one), no cloud, and plugins loaded in this
 * process rather than in isolated workers: same graph, about half a second less per run.
 */
const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false' };

/** Generous bound so a wedged Nx cannot hang CI; a plan takes about a second. */
const PROBE_TIMEOUT_MS = 120_000;

/**
 * Asks Nx for the facts of base..head: in this process when cwd is our own working directory (the
 * CLI case, saves a Node start), else in a child process rooted at cwd (see nx-probe.ts).
 */
export async function runNxProbe(cwd: string, request: ProbeRequest): Promise<NxFacts> {
  if (resolve(cwd) !== resolve(process.cwd())) return runInChildProcess(cwd, request);
  Object.assign(process.env, NX_ENV);
  const { collectNxFacts } = await import('./collect-nx-facts');
  try {
    return await collectNxFacts(request);
  } catch (error) {
    throw new CliError(`Nx could not compute the plan in ${cwd}: ${(error as Error).message}`);
  }
}

function runInChildProcess(cwd: string, request: ProbeRequest): Promise<NxFacts> {
  const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
  const probe = join(__dirname, 'nx-probe.ts');
  const env = { ...process.env, ...NX_ENV };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', tsxLoader, probe, JSON.stringify(request)],
      { cwd, env, maxBuffer: 256 * 1024 * 1024, timeout: PROBE_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error) {
          const detail = lastLine(stderr) ?? error.message;
          reject(new CliError(`Nx could not compute the project graph in ${cwd}: ${detail}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as NxFacts);
        } catch {
          reject(new CliError(`Nx probe printed something that is not JSON: ${stdout.slice(0, 200)}`));
        }
      },
    );
  });
}

function lastLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .pop();
}
