import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './cli-error';
import { assertGitWorkTree, git, resolveCommit, uncommittedPaths } from './git/git';
import { createStackUsersOfFile } from './modules/stack-usage';
import { runNxProbe } from './nx/run-nx-probe';
import { buildPlan } from './plan/build-plan';
import { catalogChanges } from './plan/catalog-changes';
import { catalogAt, headCatalog } from './plan/service-catalogs';
import { withServiceStacks } from './plan/service-stacks';
import { CONFIG_PROJECT, DEFAULT_REPOSITORY_PREFIX, DOCUMENTED_ENVIRONMENTS, IMAGE_TAG, STACK_TAG } from './plan/conventions';
import type { DeployPlan } from './plan/deploy-plan';
import { environmentOfFile, listEnvironments, sortEnvironments } from './plan/environments';
import { renderGithubMatrix } from './render/render-github-matrix';
import { renderTable } from './render/render-table';

export type OutputFormat = 'table' | 'json' | 'github-matrix';

export interface DeployPlanOptions {
  /** Workspace root (holds nx.json); a clean git checkout of `head`. */
  readonly cwd: string;
  readonly base: string;
  /** @default 'HEAD' */
  readonly head?: string;
  /** @default every environment under infra/config/src/environments */
  readonly environments?: readonly string[];
  /** @default 'table' */
  readonly format?: OutputFormat;
  /** @default PROJECT_NAME of infra config (`fargate-platform`) */
  readonly repositoryPrefix?: string;
}

/** Images to build and stacks to apply for base..head, from Nx's graph and affected computation. */
export async function computeDeployPlan(options: DeployPlanOptions): Promise<DeployPlan> {
  const { cwd } = options;
  if (!existsSync(join(cwd, 'nx.json'))) throw new CliError(`no nx.json in ${cwd}: run this from the workspace root`);
  await assertGitWorkTree(cwd);
  const head = options.head ?? 'HEAD';
  const [baseSha, headSha, checkedOut, dirty] = await Promise.all([
    resolveCommit(cwd, '--base', options.base),
    resolveCommit(cwd, '--head', head),
    resolveCommit(cwd, 'HEAD', 'HEAD'),
    uncommittedPaths(cwd),
  ]);
  if (headSha !== checkedOut) {
    throw new CliError(
      `--head ${head} (${headSha.slice(0, 12)}) is not the checked-out commit (${checkedOut.slice(0, 12)}): check it out first, image tags hash the files on disk`,
    );
  }
  if (dirty.length > 0) {
    const sample = dirty.slice(0, 3).join(', ');
    throw new CliError(
      `the working tree has ${dirty.length} uncommitted change(s) (${sample}${dirty.length > 3 ? ', ...' : ''}): commit or discard them, image tags must describe a commit`,
    );
  }

  // The catalog first: a deploy:image app without a manifest (or any broken manifest) stops the plan.
  const catalog = headCatalog(cwd);
  const [probed, baseCatalog] = await Promise.all([
    runNxProbe(cwd, { base: baseSha, head: headSha, imageTag: IMAGE_TAG, stackTag: STACK_TAG }),
    catalogAt(cwd, baseSha),
  ]);
  const facts = withServiceStacks(probed, catalog);
  const configRoot = facts.projects.find((p) => p.name === CONFIG_PROJECT)?.root;
  const known = listEnvironments(cwd, configRoot);
  const environments = selectEnvironments(options.environments, known);
  const envFileNames = sortEnvironments([...known, ...DOCUMENTED_ENVIRONMENTS]);
  return buildPlan({
    facts,
    environments,
    environmentOfFile: (file) => environmentOfFile(file, configRoot, envFileNames),
    stackUsersOfFile: createStackUsersOfFile(cwd, facts),
    existsAtHead: (file) => existsSync(join(cwd, file)),
    repositoryPrefix: options.repositoryPrefix ?? DEFAULT_REPOSITORY_PREFIX,
    catalog: catalogChanges(baseCatalog, catalog, facts.touchedFiles.map((f) => f.file)),
  });
}

/** The command behind `npm run deploy:plan`: the plan rendered in the requested format. */
export async function deployPlanCommand(options: DeployPlanOptions): Promise<string> {
  const plan = await computeDeployPlan(options);
  switch (options.format ?? 'table') {
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
    case 'github-matrix':
      return renderGithubMatrix(plan);
    case 'table':
      return renderTable(plan, await describeRange(options));
  }
}

function selectEnvironments(requested: readonly string[] | undefined, known: readonly string[]): string[] {
  if (requested === undefined || requested.length === 0) return [...known];
  const unknown = requested.filter((env) => !known.includes(env));
  if (unknown.length > 0) {
    throw new CliError(`unknown environment ${unknown.join(', ')} (known: ${known.join(', ')})`);
  }
  return sortEnvironments(requested);
}

async function describeRange(options: DeployPlanOptions): Promise<string> {
  const short = async (rev: string) => (await git(options.cwd, ['rev-parse', '--short', `${rev}^{commit}`]))?.trim() ?? rev;
  return `${options.base} (${await short(options.base)})..${options.head ?? 'HEAD'} (${await short(options.head ?? 'HEAD')})`;
}
