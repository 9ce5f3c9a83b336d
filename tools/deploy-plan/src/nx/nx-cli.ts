/**
 * The planned workspace's own Nx, through its command line (the `nx` bin of the `nx` package the
 * workspace installed) and, for what the command line does not print, a short script using the
 * public `@nx/devkit` API. Both run as child processes rooted at the workspace, so the planner
 * can plan any checkout, and Nx reads its workspace root where it expects to.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError } from '../cli-error';
import type { ExternalGraphJson, ProjectGraphJson } from './nx-graph';

/**
 * No daemon (CI has none; results must not depend on one), no cloud, no terminal UI, plugins
 * loaded in the Nx process rather than in workers (same graph, faster), and the project graph
 * cache written, so a second Nx process in the same run reuses the graph the first computed.
 */
export const NX_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_ISOLATE_PLUGINS: 'false', NX_TUI: 'false', NX_CACHE_PROJECT_GRAPH: 'true' };

/** Generous bound so a wedged Nx cannot hang CI; a plan takes a few seconds. */
const NX_TIMEOUT_MS = 180_000;

/** What `nx run-many -t <targets> -p <projects> --graph=<file>.json` writes. */
export interface RunManyGraphJson {
  readonly graph: ProjectGraphJson;
  /** Per task id (`api:build`): the entries Nx hashes for it (see hash-plan.ts). */
  readonly taskPlans: Readonly<Record<string, readonly string[]>>;
}

/** The project graph and the hash plans of `targets` of the projects matching `projects` (names, `tag:<tag>` patterns). */
export async function runManyGraph(cwd: string, targets: readonly string[], projects: readonly string[]): Promise<RunManyGraphJson> {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-plan-graph-'));
  try {
    const file = join(dir, 'graph.json');
    await runNode(cwd, [nxBin(cwd), 'run-many', '-t', targets.join(','), '-p', projects.join(','), `--graph=${file}`], 'Nx could not compute the project graph');
    const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunManyGraphJson>;
    if (typeof json.graph?.nodes !== 'object' || typeof json.graph.dependencies !== 'object' || typeof json.taskPlans !== 'object') {
      throw new CliError(`nx run-many --graph wrote no graph, dependencies or taskPlans in ${cwd} (did the Nx version change the file's shape?)`);
    }
    return json as RunManyGraphJson;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `nx` bin of the workspace's own Nx package. */
function nxBin(cwd: string): string {
  let manifestPath: string;
  try {
    manifestPath = createRequire(join(cwd, 'package.json')).resolve('nx/package.json');
  } catch {
    throw new CliError(`no nx package in ${cwd}/node_modules: run npm ci first`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.nx;
  if (bin === undefined) throw new CliError(`${manifestPath} names no nx bin`);
  return join(dirname(manifestPath), bin);
}

/** What the planner asks the devkit for, only when a change needs it. */
export interface DevkitRequest {
  /** npm nodes and edges (a dependency change in the root package.json). */
  readonly externalGraph: boolean;
  /** Plugins whose `createNodes` glob is wanted (a change deletes a file). */
  readonly plugins: readonly string[];
}

export interface DevkitAnswer {
  readonly externalGraph?: ExternalGraphJson;
  /** Per plugin, its `createNodes` glob, or null when the plugin could not be loaded or has none. */
  readonly pluginGlobs: Readonly<Record<string, string | null>>;
}

/**
 * Runs in the workspace with plain node; uses `createProjectGraphAsync` of `@nx/devkit` (which
 * reuses Nx's graph cache) and the `createNodes` export plugins declare for Nx.
 */
const DEVKIT_SCRIPT = `
const path = require('node:path');
const request = JSON.parse(process.argv[1]);
(async () => {
  const answer = { pluginGlobs: {} };
  for (const name of request.plugins) {
    try {
      const plugin = require(name.startsWith('.') ? path.resolve(name) : name);
      const createNodes = plugin.createNodesV2 ?? plugin.createNodes ?? plugin.default?.createNodesV2 ?? plugin.default?.createNodes;
      answer.pluginGlobs[name] = Array.isArray(createNodes) && typeof createNodes[0] === 'string' ? createNodes[0] : null;
    } catch {
      answer.pluginGlobs[name] = null;
    }
  }
  if (request.externalGraph) {
    const { createProjectGraphAsync } = require('@nx/devkit');
    const graph = await createProjectGraphAsync({ exitOnError: false });
    const external = graph.externalNodes ?? {};
    const externalNodes = {};
    for (const [key, node] of Object.entries(external)) externalNodes[key] = { name: node.name, data: { packageName: node.data.packageName } };
    const dependencies = {};
    for (const [source, list] of Object.entries(graph.dependencies)) {
      const edges = list.filter((d) => d.target in external).map((d) => ({ source: d.source, target: d.target }));
      if (edges.length > 0) dependencies[source] = edges;
    }
    answer.externalGraph = { externalNodes, dependencies };
  }
  process.stdout.write(JSON.stringify(answer));
})().catch((error) => {
  process.stderr.write(String((error && error.message) || error) + '\\n');
  process.exitCode = 1;
});
`;

export async function askDevkit(cwd: string, request: DevkitRequest): Promise<DevkitAnswer> {
  const stdout = await runNode(cwd, ['-e', DEVKIT_SCRIPT, JSON.stringify(request)], 'the Nx devkit could not read the project graph');
  try {
    return JSON.parse(stdout) as DevkitAnswer;
  } catch {
    throw new CliError(`the Nx devkit printed something that is not JSON in ${cwd}: ${stdout.slice(0, 200)}`);
  }
}

function runNode(cwd: string, args: readonly string[], failure: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd, env: { ...process.env, ...NX_ENV }, maxBuffer: 256 * 1024 * 1024, timeout: NX_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error) reject(new CliError(`${failure} in ${cwd}: ${lastLine(stderr) ?? lastLine(stdout) ?? error.message}`));
        else resolve(stdout);
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
