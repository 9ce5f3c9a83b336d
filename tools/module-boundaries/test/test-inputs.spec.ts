import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileSetsOf, filesRead, isCovered, type InputEntry, type ProjectInputs } from './support/test-inputs';
import { workspaceReads } from './support/workspace-reads';

/**
 * Every workspace file a tool's test names must be in its `test` target's inputs, or a cache hit
 * replays a pass that the changed file would have turned into a failure (docs/architecture.md, Caching).
 */
const REPO = path.resolve(__dirname, '../../..');

/** This check's own files hold example sources, not reads. */
const EXAMPLES = ['tools/module-boundaries/test/workspace-reads.spec.ts', 'tools/module-boundaries/test/support/workspace-reads.ts'];

interface GraphNode {
  readonly name: string;
  readonly data: { readonly root: string; readonly namedInputs?: Record<string, InputEntry[]>; readonly targets?: Record<string, { inputs?: InputEntry[] }> };
}
interface Graph {
  readonly nodes: Record<string, GraphNode>;
  readonly dependencies: Record<string, readonly { readonly target: string }[]>;
}

function projectGraph(): Graph {
  const nx = require.resolve('nx/bin/nx.js', { paths: [REPO] });
  const stdout = execFileSync(process.execPath, [nx, 'graph', '--file=stdout'], {
    cwd: REPO,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as { graph: Graph }).graph;
}

function transitiveDependencies(graph: Graph, name: string): string[] {
  const found = new Set<string>();
  const visit = (from: string) => {
    for (const { target } of graph.dependencies[from] ?? []) {
      if (target in graph.nodes && !found.has(target)) {
        found.add(target);
        visit(target);
      }
    }
  };
  visit(name);
  return [...found];
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean);

describe('test inputs', () => {
  const nxJson = JSON.parse(readFileSync(path.join(REPO, 'nx.json'), 'utf8')) as { namedInputs: Record<string, InputEntry[]> };
  const graph = projectGraph();
  const files = [...git('ls-files'), ...git('ls-files', '--others', '--exclude-standard')];
  const inputsOf = (node: GraphNode): ProjectInputs => ({
    name: node.name,
    root: node.data.root,
    namedInputs: { ...nxJson.namedInputs, ...node.data.namedInputs },
  });
  const tools = Object.values(graph.nodes).filter((n) => n.data.root.startsWith('tools/') && n.data.targets?.test);

  it('finds the tool projects with tests', () => {
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['dockerfile-check', 'workflow-check', 'policy-check', 'deploy-plan']));
  });

  it.each(tools.map((t) => [t.name, t] as const))('%s: every workspace file its tests name is an input of its test target', (_name, node) => {
    const sets = fileSetsOf(
      node.data.targets!.test!.inputs ?? ['default', '^default'],
      inputsOf(node),
      transitiveDependencies(graph, node.name).map((dep) => inputsOf(graph.nodes[dep])),
    );
    const testFiles = files.filter((f) => f.startsWith(`${node.data.root}/`) && /\/test\/.*\.ts$|\.(spec|test)\.ts$/.test(f) && !EXAMPLES.includes(f));
    const missing = testFiles.flatMap((file) =>
      workspaceReads(readFileSync(path.join(REPO, file), 'utf8'), file, node.data.root).flatMap((read) =>
        filesRead(read, files)
          .filter((f) => !isCovered(f, sets))
          .map((f) => `${f} (read by ${file})`),
      ),
    );
    expect(missing).toEqual([]);
  });
});
