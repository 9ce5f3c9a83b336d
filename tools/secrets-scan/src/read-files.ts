import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { AddedBlock } from './added-lines';
import { CliError } from './cli-error';

/** Never descended into when a directory is given: other tools' data, not the project's text. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.nx', 'dist', 'coverage', 'cdktf.out']);

export interface FileToScan {
  /** As shown in the report: the path given, or below the directory given. */
  readonly display: string;
  readonly absolute: string;
}

/** The files named on the command line, directories expanded; a missing path is an error (exit 2). */
export function expandPaths(paths: readonly string[], cwd: string): FileToScan[] {
  const out: FileToScan[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CliError(`${given}: ${code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
    if (!isDirectory) out.push({ display: given, absolute });
    else walk(absolute, given, out);
  }
  return out;
}

function walk(dir: string, display: string, out: FileToScan[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    const shown = path.join(display, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(absolute, shown, out);
    } else if (entry.isFile()) {
      out.push({ display: shown, absolute });
    }
  }
}

/** The whole file as one block, or null for a binary file (a NUL byte in its first 8 KB, as git decides). */
export function readFileBlock(file: FileToScan): AddedBlock | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file.absolute);
  } catch (err) {
    throw new CliError(`${file.display}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (bytes.subarray(0, 8000).includes(0)) return null;
  return { file: file.display, startLine: 1, lines: bytes.toString('utf8').split('\n') };
}
