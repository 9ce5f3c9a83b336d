import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { CliError } from './cli-error';
import { planShapeError } from './plan-schema';
import type { TerraformPlan } from './plan-types';

/** Reads and validates one `terraform show -json` file; every failure is a CliError naming the file. */
export async function readPlanFile(file: string, cwd: string): Promise<TerraformPlan> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? 'cannot be read';
    throw new CliError(`${file}: ${why}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // V8 quotes a slice of the input, which may span lines: keep the message on one line.
    const detail = (err instanceof SyntaxError ? err.message : String(err)).replace(/\s+/g, ' ');
    throw new CliError(`${file}: malformed JSON (${detail}); expected the output of \`terraform show -json <planfile>\``);
  }
  const problem = planShapeError(doc);
  if (problem) throw new CliError(`${file}: ${problem}`);
  return doc as TerraformPlan;
}
