import { CliError, EXIT_DANGEROUS_CHANGE } from './cli-error';
import { readPlanFile } from './read-plan-file';
import { renderMarkdown } from './render-markdown';
import { stackNameFromFile } from './stack-name';
import { summarizePlan, UnknownActionsError, type StackSummary } from './summarize-plan';

export interface SummarizeOptions {
  /** `terraform show -json` files, one per stack. */
  readonly files: readonly string[];
  readonly json?: boolean;
  /** Fail with EXIT_DANGEROUS_CHANGE (after printing) when a stateful resource is deleted or replaced. */
  readonly failOnDestroy?: boolean;
  /** Relative file names resolve against this. @default process.cwd() */
  readonly cwd?: string;
  /** Where the summary goes. @default process.stdout */
  readonly write?: (text: string) => void;
}

export async function summarizeCommand(options: SummarizeOptions): Promise<StackSummary[]> {
  const { files, cwd = process.cwd(), write = (t: string) => void process.stdout.write(t) } = options;
  if (files.length === 0) throw new CliError('no plan files given (usage: plan:summary [--json] [--fail-on-destroy] FILE...)');

  const stacks: StackSummary[] = [];
  for (const file of files) {
    const plan = await readPlanFile(file, cwd);
    try {
      stacks.push(summarizePlan(plan, file, stackNameFromFile(file)));
    } catch (err) {
      if (err instanceof UnknownActionsError) throw new CliError(`${file}: not a valid Terraform plan: ${err.message}`);
      throw err;
    }
  }
  const duplicate = stacks.find((s, i) => stacks.findIndex((t) => t.stack === s.stack) !== i);
  if (duplicate) throw new CliError(`${duplicate.file}: stack ${duplicate.stack} is given twice; name plan files <env>-<stack>.json`);

  write(options.json ? `${JSON.stringify({ stacks }, null, 2)}\n` : `${renderMarkdown(stacks)}\n`);

  const dangerous = stacks.flatMap((s) => s.dangerous.map((d) => `${s.stack}: ${d.action} ${d.address}`));
  if (options.failOnDestroy && dangerous.length > 0) {
    throw new CliError(`dangerous changes planned (--fail-on-destroy): ${dangerous.join('; ')}`, EXIT_DANGEROUS_CHANGE);
  }
  return stacks;
}
