import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runNxProbe } from '../src/nx/run-nx-probe';
import { IMAGE_TAG, STACK_TAG } from '../src/plan/conventions';
import { FixtureWorkspace } from './fixture-workspace';

/**
 * The planner computes per-file affected projects and task inputs itself, from what Nx prints
 * (affected-by-file.ts, hash-plan.ts). Here they are held against Nx's own answers on a clone of
 * this repository: `nx show projects --affected` and `nx show target inputs`.
 */
const run = promisify(execFile);
const ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const TIMEOUT = 300_000;

describe('the planner against Nx, on a clone of this repository', () => {
  let repo: FixtureWorkspace;
  const nxJson = async (args: string[]) => JSON.parse((await run('npx', ['nx', ...args, '--json'], { cwd: repo.dir, env: ENV, maxBuffer: 64 << 20 })).stdout);
  const probe = (base = repo.baseCommit) => runNxProbe(repo.dir, { base, head: 'HEAD', imageTag: IMAGE_TAG, stackTag: STACK_TAG });
  const sorted = (names: string[]) => [...names].sort();

  beforeAll(() => {
    repo = FixtureWorkspace.cloneOfRepository();
  });
  afterAll(() => repo.remove());

  // Sources, stacks, workspace files some target reads, a file no project owns, a deleted file a plugin
  // creates projects from (every project), a deleted ordinary file: each as `--files=<file>` answers it.
  const FILES = [
    'apps/api/src/main.ts',
    'libs/shared/src/definitions/tables.ts',
    'infra/modules/src/network.ts',
    'infra/platform.ts',
    'jest.preset.js',
    'eslint.config.mjs',
    'nx.json',
    'README.md',
    '.github/workflows/main.yml',
  ];
  const DELETED = ['apps/worker/jest.config.js', 'tools/bench/src/support/stats.ts'];

  it(
    'per file: the same affected projects as nx show projects --affected --files=<file>',
    async () => {
      repo.branchFromBase('cross-check-files');
      for (const file of FILES) repo.append(file, file.endsWith('.json') ? '' : file.endsWith('.md') || file.endsWith('.yml') ? '\n# more\n' : '\n// more\n');
      const nxFile = JSON.parse(readFileSync(join(repo.dir, 'nx.json'), 'utf8'));
      repo.write('nx.json', `${JSON.stringify({ ...nxFile, parallel: 3 }, null, 2)}\n`);
      for (const file of DELETED) repo.git('rm', '-q', file);
      repo.commitAll('cross-check files');
      const facts = await probe();
      expect(facts.touchedFiles.map((f) => f.file).sort()).toEqual([...FILES, ...DELETED].sort());
      const files = [...FILES, ...DELETED];
      const ours = files.map((file) => ({ file, affected: facts.touchedFiles.find((f) => f.file === file)?.affected }));
      const theirs: { file: string; affected: string[] }[] = [];
      for (let i = 0; i < files.length; i += 2) {
        // two Nx processes at a time: one per core of a small CI runner
        const pair = files.slice(i, i + 2);
        theirs.push(...(await Promise.all(pair.map(async (file) => ({ file, affected: sorted(await nxJson(['show', 'projects', '--affected', `--files=${file}`])) })))));
      }
      expect(ours).toEqual(theirs);
    },
    TIMEOUT,
  );

  // JSON files Nx diffs between base and head: one change per commit, so Nx's answer for the commit is the file's.
  it.each([
    ['a dependency version in package.json', 'package.json', (json: Record<string, Record<string, string>>) => (json.dependencies.yaml = '^2.9.0')],
    ['a script in package.json', 'package.json', (json: Record<string, Record<string, string>>) => (json.scripts.dev = `${json.scripts.dev} --verbose`)],
    ['a path mapping in tsconfig.base.json', 'tsconfig.base.json', (json: { compilerOptions: { paths: Record<string, string[]> } }) => {
      const [alias, [target]] = Object.entries(json.compilerOptions.paths)[0];
      json.compilerOptions.paths[alias] = [`./${target}`];
    }],
  ] as const)(
    '%s: the same affected projects as nx show projects --affected --base --head',
    async (_what, file, edit) => {
      repo.branchFromBase(`cross-check-${file}-${_what.length}`);
      const json = JSON.parse(readFileSync(join(repo.dir, file), 'utf8'));
      (edit as (j: unknown) => void)(json);
      repo.write(file, `${JSON.stringify(json, null, 2)}\n`);
      repo.commitAll(_what);
      const facts = await probe();
      expect(facts.touchedFiles.map((f) => f.file)).toEqual([file]);
      expect(facts.touchedFiles[0].affected).toEqual(sorted(await nxJson(['show', 'projects', '--affected', '--base', repo.baseCommit, '--head', 'HEAD'])));
    },
    TIMEOUT,
  );

  it.each([
    ['api', 'build'],
    ['stack-edge', 'synth'],
  ] as const)(
    "%s:%s: the planner's input files are nx show target inputs' files",
    async (project, target) => {
      repo.branchFromBase('cross-check-inputs');
      const facts = await probe();
      const inputs = (target === 'build' ? facts.inputFiles.build : facts.inputFiles.synth)[project];
      const nx = await nxJson(['show', 'target', 'inputs', `${project}:${target}`]);
      expect(inputs).toEqual([...nx.files].sort());
    },
    TIMEOUT,
  );
});
