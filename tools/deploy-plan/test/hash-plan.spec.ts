import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { filesOfPlan, matching, parseHashPlan, type WorkspaceFiles } from '../src/nx/hash-plan';
import { digestTask, stableJson, type DigestContext } from '../src/nx/input-digest';
import { jsonDiff } from '../src/nx/json-diff';
import type { ProjectNodeJson } from '../src/nx/nx-graph';

const PROJECTS = new Set(['api', 'shared']);
// As `nx run-many --graph=<file>.json` prints the plan of api:build (npm entries shortened).
const API_BUILD = [
  'api:ProjectConfiguration',
  'api:TsConfig',
  'api:apps/api/**/*,!apps/api/**/*.spec.ts,!apps/api/test/**/*,!apps/api/**/*.md',
  'env:NX_CLOUD_ENCRYPTION_KEY',
  'npm:fastify',
  'shared:ProjectConfiguration',
  'shared:libs/shared/**/*,!libs/shared/**/*.spec.ts',
  'workspace:[{workspaceRoot}/nx.json,{workspaceRoot}/.gitignore,{workspaceRoot}/.nxignore]',
  'workspace:[{workspaceRoot}/tsconfig.base.json,{workspaceRoot}/package-lock.json]',
];

const FILES: WorkspaceFiles = {
  all: [
    '.gitignore',
    'README.md',
    'apps/api/.env.example',
    'apps/api/Dockerfile',
    'apps/api/README.md',
    'apps/api/src/main.spec.ts',
    'apps/api/src/main.ts',
    'apps/api/test/health.spec.ts',
    'apps/worker/src/main.ts',
    'libs/shared/src/index.spec.ts',
    'libs/shared/src/index.ts',
    'nx.json',
    'package-lock.json',
    'tsconfig.base.json',
  ],
  byProject: new Map([
    ['api', ['apps/api/.env.example', 'apps/api/Dockerfile', 'apps/api/README.md', 'apps/api/src/main.spec.ts', 'apps/api/src/main.ts', 'apps/api/test/health.spec.ts']],
    ['shared', ['libs/shared/src/index.spec.ts', 'libs/shared/src/index.ts']],
  ]),
  rootTsConfig: 'tsconfig.base.json',
};

describe('hash plans', () => {
  it('reads every kind of entry Nx prints', () => {
    const plan = parseHashPlan('x:y', [...API_BUILD, 'AllExternalDependencies', 'runtime:node -v'], PROJECTS);
    expect(plan.map((e) => e.kind)).toEqual([
      'project-configuration',
      'tsconfig',
      'project-files',
      'env',
      'external',
      'project-configuration',
      'project-files',
      'workspace-files',
      'workspace-files',
      'all-external',
      'runtime',
    ]);
    expect(plan[2]).toEqual({ kind: 'project-files', project: 'api', patterns: ['apps/api/**/*', '!apps/api/**/*.spec.ts', '!apps/api/test/**/*', '!apps/api/**/*.md'] });
    expect(plan[7]).toEqual({ kind: 'workspace-files', patterns: ['nx.json', '.gitignore', '.nxignore'] });
  });

  it('stops at an entry it does not know, naming it and the task', () => {
    expect(() => parseHashPlan('api:build', ['api:build:outputs{dist}'], PROJECTS)).toThrow('the hash plan of api:build holds "api:build:outputs{dist}"');
    expect(() => parseHashPlan('api:build', ['other:ProjectConfiguration'], PROJECTS)).toThrow('"other:ProjectConfiguration"');
  });

  it('lists the files of its file sets (dotfiles in, negations out), the root tsconfig and the lock file', () => {
    expect(filesOfPlan(parseHashPlan('api:build', API_BUILD, PROJECTS), FILES)).toEqual([
      '.gitignore',
      'apps/api/.env.example',
      'apps/api/Dockerfile',
      'apps/api/src/main.ts',
      'libs/shared/src/index.ts',
      'nx.json',
      'package-lock.json',
      'tsconfig.base.json',
    ]);
    // A project's file set reads that project's files only, whatever the glob says.
    expect(filesOfPlan(parseHashPlan('t', ['shared:**/*'], PROJECTS), FILES)).toEqual(['libs/shared/src/index.spec.ts', 'libs/shared/src/index.ts']);
    expect(filesOfPlan(parseHashPlan('t', ['npm:fastify'], PROJECTS), FILES)).toEqual(['package-lock.json']);
  });

  it('matches like Nx: a file needs one pattern and no negation', () => {
    expect(matching(['a/x.ts', 'a/x.spec.ts', 'b/x.ts'], ['a/**/*', 'b/*.ts', '!**/*.spec.ts'])).toEqual(['a/x.ts', 'b/x.ts']);
  });
});

describe('the input digest of a task', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  const node = (name: string, root: string, build: Record<string, unknown>): ProjectNodeJson => ({ name, data: { root, targets: { build, test: { options: { watch: false } } } } });
  const nodes = { api: node('api', 'apps/api', { executor: 'esbuild', options: { main: 'main.ts' } }), shared: node('shared', 'libs/shared', {}) };
  const digest = (overrides: Partial<DigestContext> = {}, entries = API_BUILD) =>
    digestTask({ project: 'api', target: 'build' }, parseHashPlan('api:build', entries, PROJECTS), { cwd: dir, files: FILES, nodes, env: {}, ...overrides });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deploy-plan-digest-'));
    for (const file of FILES.all) write(file, `${file}\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is decimal, the same for the same inputs, and does not depend on the order of the plan', () => {
    expect(digest()).toMatch(/^\d+$/);
    expect(digest()).toBe(digest());
    expect(digest({}, [...API_BUILD].reverse())).toBe(digest());
  });

  it('changes with the content of an input file, not with a file outside the plan', () => {
    const before = digest();
    write('apps/api/src/main.spec.ts', 'more tests\n');
    write('apps/worker/src/main.ts', 'other app\n');
    write('README.md', 'docs\n');
    expect(digest()).toBe(before);
    write('libs/shared/src/index.ts', 'changed\n');
    expect(digest()).not.toBe(before);
  });

  it('changes with the task\'s own target configuration and the environment variables it names, not with other targets', () => {
    const before = digest();
    expect(digest({ nodes: { ...nodes, api: { ...nodes.api, data: { ...nodes.api.data, targets: { ...nodes.api.data.targets, test: {} } } } } })).toBe(before);
    expect(digest({ nodes: { ...nodes, api: node('api', 'apps/api', { executor: 'esbuild', options: { main: 'other.ts' } }) } })).not.toBe(before);
    expect(digest({ env: { NX_CLOUD_ENCRYPTION_KEY: 'k' } })).not.toBe(before);
    expect(digest({ env: { UNRELATED: 'x' } })).toBe(before);
  });

  it('writes JSON with sorted keys', () => {
    expect(stableJson({ b: [2, { d: 1, c: 0 }], a: 'x', u: undefined })).toBe('{"a":"x","b":[2,{"c":0,"d":1}]}');
  });
});

describe('jsonDiff (as Nx compares a JSON file at base and head)', () => {
  it('lists deleted and modified paths in base order, then added ones, parents before children', () => {
    expect(jsonDiff({ a: 1, b: { c: [1, 2] }, d: 'x' }, { a: 2, b: { c: [1] }, e: { f: true } })).toEqual([
      { type: 'modified', path: ['a'], value: { lhs: 1, rhs: 2 } },
      { type: 'modified', path: ['b'], value: { lhs: { c: [1, 2] }, rhs: { c: [1] } } },
      { type: 'modified', path: ['b', 'c'], value: { lhs: [1, 2], rhs: [1] } },
      { type: 'deleted', path: ['b', 'c', '1'], value: { lhs: 2, rhs: undefined } },
      { type: 'deleted', path: ['d'], value: { lhs: 'x', rhs: undefined } },
      { type: 'added', path: ['e'], value: { lhs: undefined, rhs: { f: true } } },
      { type: 'added', path: ['e', 'f'], value: { lhs: undefined, rhs: true } },
    ]);
    expect(jsonDiff({ a: [1] }, { a: [1] })).toEqual([]);
  });
});
