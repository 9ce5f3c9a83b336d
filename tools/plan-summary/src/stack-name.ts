import * as path from 'node:path';

const SUFFIXES = ['.json', '.tfplan', '.plan'];

/**
 * The stack a plan file belongs to, from its name, so CI needs no extra flags:
 * - strip `.json`, then a `.tfplan`/`.plan` suffix: `prod-data.plan.json` -> `prod-data`;
 * - a name with a `-` is `<env>-<stack>`, split at the LAST `-` (stack names have none, env names
 *   may: `pr-123-service`): `prod-data` -> `prod/data`, `pr-123-service` -> `pr-123/service`;
 * - a name without `-` takes its folder as the env: `plans/prod/data.json` -> `prod/data`;
 * - a bare file name without `-` is the stack name: `data.json` -> `data`.
 */
export function stackNameFromFile(file: string): string {
  let name = path.basename(file);
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix) && name.length > suffix.length) name = name.slice(0, -suffix.length);
  }
  const dash = name.lastIndexOf('-');
  if (dash > 0 && dash < name.length - 1) return `${name.slice(0, dash)}/${name.slice(dash + 1)}`;
  const folder = path.basename(path.dirname(file));
  return folder && folder !== '.' && folder !== path.sep ? `${folder}/${name}` : name;
}
