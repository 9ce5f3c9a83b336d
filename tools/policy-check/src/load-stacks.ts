/**
 * Finds and reads synthesized stacks. An input is a `cdk.tf.json` file, a `cdktf.out` folder
 * (`stacks/<name>/cdk.tf.json`), a `stacks` folder (`<name>/cdk.tf.json`), one stack folder, or a
 * folder of `*.tf.json` files (test fixtures).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './cli-error';
import { Stack } from './terraform/stack';
import { whyNotTerraformJson, type TerraformJson } from './terraform/terraform-json';

const STACK_FILE = 'cdk.tf.json';

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

async function stackFilesIn(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(folder, entry.name, STACK_FILE);
    if (await exists(file)) files.push(file);
  }
  return files;
}

async function resolveInput(input: string, cwd: string): Promise<string[]> {
  const target = path.resolve(cwd, input);
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new CliError(`${input}: no such file or directory (run \`npm run synth\` first?)`);
  if (info.isFile()) return [target];
  if (!info.isDirectory()) throw new CliError(`${input}: not a file or directory`);
  const stacksFolder = path.join(target, 'stacks');
  const candidates = (await exists(stacksFolder)) ? await stackFilesIn(stacksFolder) : await stackFilesIn(target);
  if (candidates.length > 0) return candidates;
  if (await exists(path.join(target, STACK_FILE))) return [path.join(target, STACK_FILE)];
  const looseFiles = (await readdir(target)).filter((name) => name.endsWith('.tf.json')).sort();
  if (looseFiles.length > 0) return looseFiles.map((name) => path.join(target, name));
  throw new CliError(`${input}: no stacks found (expected stacks/*/${STACK_FILE}, */${STACK_FILE}, ${STACK_FILE} or *.tf.json)`);
}

function stackNameOf(doc: TerraformJson, file: string): string {
  const fromMetadata = doc['//']?.metadata?.stackName;
  if (typeof fromMetadata === 'string' && fromMetadata !== '') return fromMetadata;
  const base = path.basename(file);
  return base === STACK_FILE ? path.basename(path.dirname(file)) : base.replace(/(\.cdk)?\.tf\.json$|\.json$/, '');
}

export async function loadStackFile(file: string, cwd: string = process.cwd()): Promise<Stack> {
  const relative = path.relative(cwd, file);
  const shown = relative === '' || relative.startsWith('..') ? file : relative;
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`${shown}: cannot read (${error.code ?? error.message})`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${shown}: malformed JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const problem = whyNotTerraformJson(parsed);
  if (problem) throw new CliError(`${shown}: not Terraform JSON: ${problem}`);
  const doc = parsed as TerraformJson;
  return new Stack(stackNameOf(doc, file), shown, doc);
}

export async function loadStacks(inputs: readonly string[], cwd: string = process.cwd()): Promise<Stack[]> {
  const files = new Set<string>();
  for (const input of inputs) for (const file of await resolveInput(input, cwd)) files.add(file);
  const stacks: Stack[] = [];
  for (const file of files) stacks.push(await loadStackFile(file, cwd));
  return stacks;
}
