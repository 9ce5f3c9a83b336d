/**
 * NxFacts from Nx's public surface only: the Nx command line of the planned workspace
 * (`nx run-many --graph=<file>.json`: the project graph and the hash plans of the image builds and
 * stack syntheses), `@nx/devkit` when a change needs what the command line does not print (npm
 * nodes, plugin globs), and git for the changed files. Per-file affected projects follow Nx's
 * rules (affected-by-file.ts); image tags digest the build's hash plan (input-digest.ts).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CliError } from '../cli-error';
import { AffectedByFile, needsExternalGraph, type FileChange } from './affected-by-file';
import { filesOfPlan, parseHashPlan, type HashPlanEntry, type WorkspaceFiles } from './hash-plan';
import { digestTask } from './input-digest';
import { askDevkit, runManyGraph, type DevkitAnswer, type RunManyGraphJson } from './nx-cli';
import type { NxFacts, ProbeRequest, ProjectFacts } from './nx-facts';
import type { NxJson, ProjectGraphJson } from './nx-graph';
import { ignoredFiles, listWorkspaceFiles } from './workspace-files';

const run = promisify(execFile);

export async function collectNxFacts(cwd: string, request: ProbeRequest): Promise<NxFacts> {
  const nxJson = readNxJson(cwd);
  // Nx first: it takes longest, and needs nothing the rest computes.
  const nxRun = runManyGraph(cwd, ['build', 'synth'], [`tag:${request.imageTag}`, `tag:${request.stackTag}`]);
  nxRun.catch(() => undefined); // awaited below; a git failure first must not leave it unhandled
  const rootTsConfig = ['tsconfig.base.json', 'tsconfig.json'].find((name) => existsSync(join(cwd, name))) ?? null;
  const changes = await changedFiles(cwd, request, rootTsConfig);
  const devkit = askDevkitIfNeeded(cwd, nxJson, changes);
  const [{ graph, taskPlans }, answer] = await Promise.all([nxRun, devkit]);

  const projects = projectFacts(graph);
  const files = await listWorkspaceFiles(cwd, projects);
  const affected = new AffectedByFile({
    graph,
    nxJson,
    rootTsConfig,
    externalGraph: answer.externalGraph,
    // A plugin whose glob is unknown could have created projects from any deleted file.
    pluginProjectFileGlobs: () => Object.values(answer.pluginGlobs).map((glob) => glob ?? '**'),
  });
  const touchedFiles = changes.map((change) => affected.impactOf(change));

  const imageProjects = projects.filter((p) => p.tags.includes(request.imageTag));
  const stackProjects = projects.filter((p) => p.tags.includes(request.stackTag) && p.targets.includes('synth'));
  const plans = new HashPlans(graph, taskPlans);
  return {
    touchedFiles,
    projects,
    buildHashes: buildDigests(cwd, graph, plans, files, imageProjects),
    inputFiles: {
      build: Object.fromEntries(imageProjects.map((p) => [p.name, filesOfPlan(plans.of(p.name, 'build'), files)])),
      synth: Object.fromEntries(stackProjects.map((p) => [p.name, filesOfPlan(plans.of(p.name, 'synth'), files)])),
    },
  };
}

/** The image tag digest of `<project>:build` for each project tagged `imageTag`, from the files on disk. */
export async function collectBuildHashes(cwd: string, imageTag: string): Promise<{ hashes: Record<string, string>; roots: Record<string, string> }> {
  const { graph, taskPlans } = await runManyGraph(cwd, ['build'], [`tag:${imageTag}`]);
  const projects = projectFacts(graph);
  const images = projects.filter((p) => p.tags.includes(imageTag));
  const files = await listWorkspaceFiles(cwd, projects);
  const hashes = buildDigests(cwd, graph, new HashPlans(graph, taskPlans), files, images);
  return { hashes, roots: Object.fromEntries(images.map((p) => [p.name, p.root])) };
}

function buildDigests(cwd: string, graph: ProjectGraphJson, plans: HashPlans, files: WorkspaceFiles, images: readonly ProjectFacts[]): Record<string, string> {
  const missing = images.filter((p) => !p.targets.includes('build'));
  if (missing.length > 0) throw new CliError(`image project(s) without a build target: ${missing.map((p) => p.name).join(', ')}`);
  const context = { cwd, files, nodes: graph.nodes, env: process.env };
  return Object.fromEntries(images.map((p) => [p.name, digestTask({ project: p.name, target: 'build' }, plans.of(p.name, 'build'), context)]));
}

/** The parsed hash plan of each task Nx printed. */
class HashPlans {
  private readonly projectNames: ReadonlySet<string>;

  constructor(
    graph: ProjectGraphJson,
    private readonly taskPlans: RunManyGraphJson['taskPlans'],
  ) {
    this.projectNames = new Set(Object.keys(graph.nodes));
  }

  of(project: string, target: string): HashPlanEntry[] {
    const taskId = `${project}:${target}`;
    const entries = this.taskPlans[taskId];
    if (entries === undefined) throw new CliError(`Nx printed no hash plan for ${taskId}`);
    return parseHashPlan(taskId, entries, this.projectNames);
  }
}

function projectFacts(graph: ProjectGraphJson): ProjectFacts[] {
  return Object.values(graph.nodes)
    .map((node) => ({
      name: node.name,
      root: node.data.root,
      tags: node.data.tags ?? [],
      targets: Object.keys(node.data.targets ?? {}),
      dependsOn: (graph.dependencies[node.name] ?? [])
        .map((d) => d.target)
        .filter((target) => target in graph.nodes)
        .sort(),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function readNxJson(cwd: string): NxJson {
  let nxJson: NxJson;
  try {
    nxJson = JSON.parse(readFileSync(join(cwd, 'nx.json'), 'utf8')) as NxJson;
  } catch (error) {
    throw new CliError(`cannot read nx.json in ${cwd}: ${(error as Error).message}`);
  }
  if (nxJson.extends !== undefined) throw new CliError(`nx.json extends ${nxJson.extends}; the planner reads nx.json on its own and does not follow extends`);
  return nxJson;
}

/**
 * The files that differ between base and head, as Nx lists them (`git diff --name-only
 * --no-renames --relative`, ignored files left out), with the root package.json and root
 * tsconfig parsed at both revisions (Nx diffs them as JSON).
 */
async function changedFiles(cwd: string, request: ProbeRequest, rootTsConfig: string | null): Promise<FileChange[]> {
  const { stdout } = await run('git', ['diff', '--name-only', '--no-renames', '--relative', '-z', request.base, request.head, '--'], {
    cwd,
    maxBuffer: 256 * 1024 * 1024,
  });
  const listed = stdout.split('\0').filter(Boolean);
  const ignored = await ignoredFiles(cwd, listed);
  return Promise.all(
    listed
      .filter((file) => !ignored.has(file))
      .map(async (file): Promise<FileChange> => {
        const existsAtHead = existsSync(join(cwd, file));
        if (file !== 'package.json' && file !== rootTsConfig) return { file, existsAtHead };
        const [base, head] = await Promise.all([jsonAt(cwd, request.base, file), jsonAt(cwd, request.head, file)]);
        return { file, existsAtHead, json: base === undefined || head === undefined ? null : { base, head } };
      }),
  );
}

/** A JSON file at a revision, parsed as Nx parses it (plain JSON.parse); undefined when missing or not JSON. */
async function jsonAt(cwd: string, revision: string, file: string): Promise<unknown> {
  try {
    const { stdout } = await run('git', ['show', `${revision}:${file}`], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout);
  } catch {
    return undefined;
  }
}

function askDevkitIfNeeded(cwd: string, nxJson: NxJson, changes: readonly FileChange[]): Promise<DevkitAnswer> {
  const externalGraph = changes.some(needsExternalGraph);
  const plugins = changes.some((c) => !c.existsAtHead) ? (nxJson.plugins ?? []).map((p) => (typeof p === 'string' ? p : p.plugin)) : [];
  if (!externalGraph && plugins.length === 0) return Promise.resolve({ pluginGlobs: {} });
  return askDevkit(cwd, { externalGraph, plugins });
}
