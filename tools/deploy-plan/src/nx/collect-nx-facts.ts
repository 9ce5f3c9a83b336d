/**
 * NxFacts from Nx's own code: the project graph, the list of changed files, the affected
 * computation and the task hasher. Nx is loaded from the planned workspace's node_modules (not
 * ours), and must run in a process whose cwd is that workspace: Nx reads its workspace root once,
 * when it loads.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ProjectGraph } from 'nx/src/config/project-graph';
import type { FileImpact, NxFacts, ProbeRequest, ProjectFacts } from './nx-facts';

type NxModule = Record<string, (...args: never[]) => unknown>;

export async function collectNxFacts(request: ProbeRequest): Promise<NxFacts> {
  const load = createRequire(join(process.cwd(), 'package.json')) as (id: string) => NxModule;
  const devkit = load('nx/src/devkit-exports') as unknown as {
    createProjectGraphAsync(o: { exitOnError: boolean }): Promise<ProjectGraph>;
  };
  const { readNxJson } = load('nx/src/config/configuration') as unknown as { readNxJson(): unknown };
  const { parseFiles } = load('nx/src/utils/command-line-utils') as unknown as {
    parseFiles(a: { base: string; head: string }): { files: string[] };
  };
  const { calculateFileChanges } = load('nx/src/project-graph/file-utils') as unknown as {
    calculateFileChanges(files: string[], nxArgs: { base: string; head: string }): unknown[];
  };
  const { filterAffected } = load('nx/src/project-graph/affected/affected-project-graph') as unknown as {
    filterAffected(graph: ProjectGraph, changes: unknown[], nxJson: unknown): Promise<ProjectGraph>;
  };
  const { createProjectRootMappings, findProjectForPath } = load(
    'nx/src/project-graph/utils/find-project-for-path',
  ) as unknown as {
    createProjectRootMappings(nodes: ProjectGraph['nodes']): unknown;
    findProjectForPath(file: string, map: unknown): string | null;
  };

  const graph = await devkit.createProjectGraphAsync({ exitOnError: false });
  const nxJson = readNxJson();
  const nxArgs = { base: request.base, head: request.head };
  const files = parseFiles(nxArgs).files;
  const changes = calculateFileChanges(files, nxArgs) as { file: string }[];
  const rootMap = createProjectRootMappings(graph.nodes);

  // One affected computation per file, so every affected project can name the files (and
  // through them the projects) that caused it. Nx's computation is a union over files.
  const touchedFiles: FileImpact[] = [];
  for (const change of changes) {
    const affected = await filterAffected(graph, [change], nxJson);
    touchedFiles.push({
      file: change.file,
      project: findProjectForPath(change.file, rootMap),
      affected: Object.keys(affected.nodes).sort(),
    });
  }

  const projects: ProjectFacts[] = Object.values(graph.nodes)
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

  const imageProjects = projects.filter((p) => p.tags.includes(request.imageTag));
  const buildHashes = await hashBuildTasks(load, graph, nxJson, imageProjects);
  const stackProjects = projects.filter((p) => p.tags.includes(request.stackTag) && p.targets.includes('synth'));
  const inputFiles = await taskInputFiles(load, graph, nxJson, { build: imageProjects, synth: stackProjects });
  return { touchedFiles, projects, buildHashes, inputFiles };
}

/** The files in each task's hash plan (Nx's HashPlanInspector), per target and project. */
async function taskInputFiles(
  load: (id: string) => NxModule,
  graph: ProjectGraph,
  nxJson: unknown,
  byTarget: Record<'build' | 'synth', ProjectFacts[]>,
): Promise<NxFacts['inputFiles']> {
  const { HashPlanInspector } = load('nx/src/hasher/hash-plan-inspector') as unknown as {
    HashPlanInspector: new (graph: ProjectGraph, root: string, nxJson: unknown) => {
      init(): Promise<void>;
      inspectHashPlan(projects: string[], targets: string[], c?: string, o?: object, e?: object, excludeDeps?: boolean): Record<string, string[]>;
    };
  };
  const inspector = new HashPlanInspector(graph, process.cwd(), nxJson);
  await inspector.init();
  const result = { build: {} as Record<string, string[]>, synth: {} as Record<string, string[]> };
  for (const target of ['build', 'synth'] as const) {
    const names = byTarget[target].map((p) => p.name);
    if (names.length === 0) continue;
    const plan = inspector.inspectHashPlan(names, [target], undefined, {}, {}, true);
    for (const name of names) {
      const inputs = plan[`${name}:${target}`] ?? [];
      result[target][name] = [...new Set(inputs.filter((i) => i.startsWith('file:')).map((i) => i.slice('file:'.length)))].sort();
    }
  }
  return result;
}

/** Nx task hash of `<project>:build` for each project tagged `imageTag`, from the files on disk. */
export async function collectBuildHashes(imageTag: string): Promise<{ hashes: Record<string, string>; roots: Record<string, string> }> {
  const load = createRequire(join(process.cwd(), 'package.json')) as (id: string) => NxModule;
  const devkit = load('nx/src/devkit-exports') as unknown as {
    createProjectGraphAsync(o: { exitOnError: boolean }): Promise<ProjectGraph>;
  };
  const { readNxJson } = load('nx/src/config/configuration') as unknown as { readNxJson(): unknown };
  const graph = await devkit.createProjectGraphAsync({ exitOnError: false });
  const images = Object.values(graph.nodes)
    .filter((node) => (node.data.tags ?? []).includes(imageTag))
    .map((node) => ({ name: node.name, root: node.data.root, tags: node.data.tags ?? [], targets: Object.keys(node.data.targets ?? {}), dependsOn: [] }));
  const hashes = await hashBuildTasks(load, graph, readNxJson(), images);
  return { hashes, roots: Object.fromEntries(images.map((p) => [p.name, p.root])) };
}

async function hashBuildTasks(
  load: (id: string) => NxModule,
  graph: ProjectGraph,
  nxJson: unknown,
  imageProjects: ProjectFacts[],
): Promise<Record<string, string>> {
  const missing = imageProjects.filter((p) => !p.targets.includes('build'));
  if (missing.length > 0) {
    throw new Error(`image project(s) without a build target: ${missing.map((p) => p.name).join(', ')}`);
  }
  if (imageProjects.length === 0) return {};
  const { createTaskGraph } = load('nx/src/tasks-runner/create-task-graph') as unknown as {
    createTaskGraph(...args: unknown[]): { tasks: Record<string, { id: string; target: { project: string } }> };
  };
  const { createTaskHasher } = load('nx/src/hasher/create-task-hasher') as unknown as {
    createTaskHasher(graph: ProjectGraph, nxJson: unknown): {
      hashTasks(tasks: unknown[], taskGraph: unknown, envs: Record<string, unknown>): Promise<{ value: string }[]>;
    };
  };
  const { getTaskSpecificEnv } = load('nx/src/tasks-runner/task-env') as unknown as {
    getTaskSpecificEnv(task: unknown, graph: ProjectGraph): unknown;
  };
  const names = imageProjects.map((p) => p.name);
  const taskGraph = createTaskGraph(graph, {}, names, ['build'], undefined, {});
  const tasks = Object.values(taskGraph.tasks).filter((t) => t.id.endsWith(':build') && names.includes(t.target.project));
  // The same per-task env Nx uses when it runs the task, so the hash equals the Nx cache key.
  const envs = Object.fromEntries(tasks.map((t) => [t.id, getTaskSpecificEnv(t, graph)]));
  const hashes = await createTaskHasher(graph, nxJson).hashTasks(tasks, taskGraph, envs);
  return Object.fromEntries(tasks.map((t, i) => [t.target.project, hashes[i].value]));
}

