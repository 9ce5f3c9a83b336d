import { AffectedByFile, needsExternalGraph, type AffectedWorkspace, type FileChange } from '../src/nx/affected-by-file';
import type { ExternalGraphJson, NxJson, ProjectGraphJson, ProjectNodeJson } from '../src/nx/nx-graph';

/**
 * Nx's affected rules, one per test, on a small graph: apps use libs, a stack depends on another
 * through an implicit dependency, a tool's tests read every app, and one lib sits inside another's folder.
 */
const project = (name: string, root: string, targets: ProjectNodeJson['data']['targets'] = {}, extra: Partial<ProjectNodeJson['data']> = {}): ProjectNodeJson => ({
  name,
  data: { root, targets, ...extra },
});

const GRAPH: ProjectGraphJson = {
  nodes: {
    api: project('api', 'apps/api', { build: { inputs: ['production', '^production'] }, test: { inputs: ['default', '{workspaceRoot}/jest.preset.js'] } }),
    worker: project('worker', 'apps/worker', { build: { inputs: ['production', '^production'] } }),
    shared: project('shared', 'libs/shared', { lint: { inputs: ['default', { fileset: '{workspaceRoot}/eslint.config.mjs' }] } }),
    'shared-testing': project('shared-testing', 'libs/shared/testing'),
    'stack-data': project('stack-data', 'infra/stacks/data'),
    'stack-service': project('stack-service', 'infra/stacks/service'),
    tool: project('tool', 'tools/tool', { test: { inputs: ['default', '{workspaceRoot}/apps/**/*', '!{workspaceRoot}/docs/**'] } }),
    custom: project('custom', 'tools/custom', { test: { inputs: ['default'] } }, { namedInputs: { default: ['{projectRoot}/**/*', '{workspaceRoot}/custom.txt'] } }),
  },
  dependencies: {
    api: [{ source: 'api', target: 'shared', type: 'static' }],
    worker: [{ source: 'worker', target: 'shared', type: 'static' }],
    shared: [],
    'shared-testing': [{ source: 'shared-testing', target: 'shared', type: 'static' }],
    'stack-data': [{ source: 'stack-data', target: 'shared', type: 'static' }],
    'stack-service': [
      { source: 'stack-service', target: 'stack-data', type: 'implicit' },
      { source: 'stack-service', target: 'api', type: 'implicit' },
    ],
    tool: [],
    custom: [],
  },
};
const ALL = Object.keys(GRAPH.nodes).sort();

const NX_JSON: NxJson = {
  namedInputs: {
    default: ['{projectRoot}/**/*', 'sharedGlobals'],
    sharedGlobals: ['{workspaceRoot}/tsconfig.base.json', '{workspaceRoot}/package-lock.json', '{workspaceRoot}/nx.json'],
    production: ['default', '!{projectRoot}/**/*.spec.ts'],
  },
  plugins: ['@nx/jest/plugin', { plugin: '@nx/eslint/plugin' }],
};

const EXTERNAL: ExternalGraphJson = {
  externalNodes: {
    'npm:fastify': { name: 'npm:fastify', data: { packageName: 'fastify' } },
    'npm:pino': { name: 'npm:pino', data: { packageName: 'pino' } },
    'npm:@types/pino': { name: 'npm:@types/pino', data: { packageName: '@types/pino' } },
    'npm:@nx/jest': { name: 'npm:@nx/jest', data: { packageName: '@nx/jest' } },
    'npm:cdktf': { name: 'npm:cdktf', data: { packageName: 'cdktf' } },
    'npm:nx': { name: 'npm:nx', data: { packageName: 'nx' } },
  },
  dependencies: {
    api: [{ source: 'api', target: 'npm:fastify' }],
    'npm:fastify': [{ source: 'npm:fastify', target: 'npm:pino' }],
    'stack-data': [{ source: 'stack-data', target: 'npm:cdktf' }],
  },
};

function affected(overrides: Partial<AffectedWorkspace> = {}) {
  const asked: string[] = [];
  const workspace: AffectedWorkspace = {
    graph: GRAPH,
    nxJson: NX_JSON,
    rootTsConfig: 'tsconfig.base.json',
    pluginProjectFileGlobs: () => {
      asked.push('globs');
      return ['**/jest.config.{js,ts}'];
    },
    ...overrides,
  };
  const byFile = new AffectedByFile(workspace);
  return { of: (change: FileChange) => byFile.impactOf(change), asked };
}

const changed = (file: string, extra: Partial<FileChange> = {}): FileChange => ({ file, existsAtHead: true, ...extra });
const packageJson = (base: object, head: object) => changed('package.json', { json: { base, head } });

describe('per-file affected projects', () => {
  it('a file marks its project and every project depending on it, through implicit dependencies too', () => {
    expect(affected().of(changed('libs/shared/src/index.ts'))).toEqual({
      file: 'libs/shared/src/index.ts',
      project: 'shared',
      affected: ['api', 'shared', 'shared-testing', 'stack-data', 'stack-service', 'worker'],
    });
    expect(affected().of(changed('infra/stacks/data/src/data-stack.ts')).affected).toEqual(['stack-data', 'stack-service']);
  });

  it('the nearest project root owns a file: a project nested in another owns its own files', () => {
    expect(affected().of(changed('libs/shared/testing/src/fakes.ts'))).toMatchObject({ project: 'shared-testing', affected: ['shared-testing'] });
  });

  it('a file outside every project and every input marks nothing', () => {
    expect(affected().of(changed('README.md'))).toEqual({ file: 'README.md', project: null, affected: [] });
  });

  it('nx.json marks every project', () => {
    expect(affected().of(changed('nx.json'))).toEqual({ file: 'nx.json', project: null, affected: ALL });
  });

  it('a {workspaceRoot} input of any target (named inputs expanded, per-project ones first) marks that project', () => {
    expect(affected().of(changed('jest.preset.js')).affected).toEqual(['api', 'stack-service']);
    expect(affected().of(changed('eslint.config.mjs')).affected).toEqual(['api', 'shared', 'shared-testing', 'stack-data', 'stack-service', 'worker']);
    // sharedGlobals reach every project through `default`, except `custom`, whose own `default` replaces it
    // (a path mapping into no project touches nothing else).
    const mapping = (to: string) => ({ compilerOptions: { paths: { '@x/none': [to] } } });
    const pathsOnly = changed('tsconfig.base.json', { json: { base: mapping('nowhere/a.ts'), head: mapping('nowhere/b.ts') } });
    expect(affected().of(pathsOnly).affected).toEqual(ALL.filter((p) => p !== 'custom'));
    expect(affected().of(changed('custom.txt')).affected).toEqual(['custom']);
    // A glob input reaches files in other projects; a negated one adds nothing.
    expect(affected().of(changed('apps/worker/src/main.ts')).affected).toEqual(['tool', 'worker']);
    expect(affected().of(changed('docs/deploying.md')).affected).toEqual([]);
  });

  it('a root lock file marks every project', () => {
    expect(affected().of(changed('package-lock.json')).affected).toEqual(ALL);
  });

  it('a deleted file that defines projects (project.json, package.json, a lock file, a plugin glob) marks every project', () => {
    for (const file of ['apps/worker/project.json', 'libs/shared/package.json', 'yarn.lock', 'apps/api/jest.config.ts']) {
      expect(affected().of(changed(file, { existsAtHead: false })).affected).toEqual(ALL);
    }
  });

  it('any other deleted file marks its project, and plugin globs are read only once something is deleted', () => {
    const a = affected();
    a.of(changed('apps/api/jest.config.ts'));
    expect(a.asked).toEqual([]);
    expect(a.of(changed('libs/shared/testing/src/old.ts', { existsAtHead: false })).affected).toEqual(['shared-testing']);
    expect(a.asked).toEqual(['globs']);
  });

  describe('the root tsconfig (here not a global input, so only its own rule applies)', () => {
    const nxJson: NxJson = { ...NX_JSON, namedInputs: { ...NX_JSON.namedInputs, sharedGlobals: [] } };
    const tsconfig = (base: object, head: object) => changed('tsconfig.base.json', { json: { base, head } });
    const paths = (entries: Record<string, string[]>) => ({ compilerOptions: { baseUrl: '.', paths: entries } });

    it('a changed path mapping marks the projects its old and new targets point into', () => {
      const change = tsconfig(paths({ '@x/app': ['apps/worker/src/index.ts'] }), paths({ '@x/app': ['apps/api/src/index.ts'] }));
      expect(affected({ nxJson }).of(change).affected).toEqual(['api', 'stack-service', 'worker']);
    });

    it('a removed path mapping, any other change, or a file that is not plain JSON marks every project', () => {
      const base = paths({ '@x/worker': ['apps/worker/src/index.ts'], '@x/api': ['apps/api/src/index.ts'] });
      expect(affected({ nxJson }).of(tsconfig(base, paths({ '@x/api': ['apps/api/src/index.ts'] }))).affected).toEqual(ALL);
      expect(affected({ nxJson }).of(tsconfig({ compilerOptions: { strict: true } }, { compilerOptions: { strict: false } })).affected).toEqual(ALL);
      expect(affected({ nxJson }).of(changed('tsconfig.base.json', { json: null })).affected).toEqual(ALL);
    });
  });

  describe('the root package.json', () => {
    const deps = (dependencies: Record<string, string>, devDependencies: Record<string, string> = {}) => ({ name: 'w', dependencies, devDependencies });

    it('needs the npm nodes only for changes to dependency entries', () => {
      expect(needsExternalGraph(packageJson({ scripts: { a: '1' } }, { scripts: { a: '2' } }))).toBe(false);
      expect(needsExternalGraph(packageJson(deps({ pino: '1' }), deps({ pino: '2' })))).toBe(true);
      expect(needsExternalGraph(packageJson({ overrides: { pino: '1' } }, { overrides: { pino: '2' } }))).toBe(true);
      expect(needsExternalGraph(changed('package.json', { json: null }))).toBe(true);
      expect(needsExternalGraph(changed('libs/shared/package.json', { json: null }))).toBe(false);
    });

    it('a scripts-only change marks only the projects that read package.json', () => {
      expect(affected().of(packageJson({ scripts: { a: '1' } }, { scripts: { a: '2' } })).affected).toEqual([]);
    });

    it('a changed dependency marks the projects that use the package, directly or through another package', () => {
      const a = affected({ externalGraph: EXTERNAL });
      expect(a.of(packageJson(deps({ pino: '1' }), deps({ pino: '2' }))).affected).toEqual(['api', 'stack-service']);
      expect(a.of(packageJson(deps({}), deps({ cdktf: '0.21.0' }))).affected).toEqual(['stack-data', 'stack-service']);
      // @types/<name> also marks what uses <name>.
      expect(a.of(packageJson(deps({}, { '@types/pino': '1' }), deps({}, { '@types/pino': '2' }))).affected).toEqual(['api', 'stack-service']);
    });

    it('a removed dependency, an Nx plugin or nx itself, or an unreadable file marks every project (all npm packages, for the last)', () => {
      const a = affected({ externalGraph: EXTERNAL });
      expect(a.of(packageJson(deps({ pino: '1' }), deps({}))).affected).toEqual(ALL);
      expect(a.of(packageJson(deps({}, { '@nx/jest': '23.2.0' }), deps({}, { '@nx/jest': '23.2.1' }))).affected).toEqual(ALL);
      expect(a.of(packageJson(deps({}, { nx: '23.2.0' }), deps({}, { nx: '23.2.1' }))).affected).toEqual(ALL);
      expect(a.of(changed('package.json', { json: null })).affected).toEqual(['api', 'stack-data', 'stack-service']);
    });

    it('an override marks the packages it names, every project when it names none Nx knows', () => {
      const a = affected({ externalGraph: EXTERNAL });
      expect(a.of(packageJson({ overrides: { pino: '1' } }, { overrides: { pino: '2' } })).affected).toEqual(['api', 'stack-service']);
      expect(a.of(packageJson({ overrides: { nope: '1' } }, { overrides: { nope: '2' } })).affected).toEqual(ALL);
    });

    it('refuses to guess without the npm nodes', () => {
      expect(() => affected().of(packageJson(deps({ pino: '1' }), deps({ pino: '2' })))).toThrow('needs the npm nodes');
    });
  });

  it('follows only the default projectsAffectedByDependencyUpdates', () => {
    const nxJson = { ...NX_JSON, pluginsConfig: { '@nx/js': { projectsAffectedByDependencyUpdates: 'auto' } } };
    expect(() => affected({ nxJson })).toThrow("the planner follows only the default, 'all'");
  });
});
