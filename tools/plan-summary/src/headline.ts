import type { StackSummary } from './summarize-plan';

const PHRASES: ReadonlyArray<[keyof StackSummary & ('create' | 'update' | 'delete' | 'replace' | 'read' | 'forget'), string]> = [
  ['create', 'to create'],
  ['update', 'to update'],
  ['delete', 'to delete'],
  ['replace', 'to replace'],
  ['read', 'to read'],
  ['forget', 'to forget'],
];

/** One line per stack, e.g. `prod/data: 1 to replace (DANGER: aws_dynamodb_table.scans)`. */
export function headline(summary: StackSummary): string {
  const parts = PHRASES.filter(([key]) => summary[key] > 0).map(([key, words]) => `${summary[key]} ${words}`);
  let line = `${summary.stack}: ${parts.length > 0 ? parts.join(', ') : 'no changes'}`;
  if (summary.dangerous.length > 0) line += ` (DANGER: ${summary.dangerous.map((d) => d.address).join(', ')})`;
  if (summary.drift.length > 0) line += `; ${summary.drift.length} drifted outside Terraform`;
  return line;
}
