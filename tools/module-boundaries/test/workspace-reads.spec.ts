import { fileSetsOf, filesRead, isCovered, type ProjectInputs } from './support/test-inputs';
import { workspaceReads } from './support/workspace-reads';

const project: ProjectInputs = {
  name: 'tool',
  root: 'tools/tool',
  namedInputs: {
    default: ['{projectRoot}/**/*', 'sharedGlobals'],
    sharedGlobals: ['{workspaceRoot}/nx.json'],
    production: ['default', '!{projectRoot}/test/**/*'],
  },
};
const lib: ProjectInputs = { ...project, name: 'lib', root: 'libs/lib' };

describe('workspaceReads', () => {
  it('turns joins on the workspace root into globs, non-literal segments into *', () => {
    const source = `
      const REPO_ROOT = join(__dirname, '..', '..', '..');
      readFileSync(join(REPO_ROOT, 'apps', app, 'Dockerfile'), 'utf8');
      readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8');
      const doc = readFileSync(path.resolve(__dirname, '../../../docs/policy.md'), 'utf8');`;
    expect(workspaceReads(source, 'tools/tool/test/a.spec.ts', 'tools/tool')).toEqual(['.dockerignore', 'apps/*/Dockerfile', 'docs/policy.md']);
  });

  it('leaves out its own project, paths outside the workspace and paths with no literal', () => {
    const source = `
      join(__dirname, 'fixtures', name);
      path.resolve(__dirname, '../../../../shared/fixtures/plans');
      join(REPO_ROOT, file);`;
    expect(workspaceReads(source, 'tools/tool/test/a.spec.ts', 'tools/tool')).toEqual([]);
  });
});

describe('fileSetsOf and isCovered', () => {
  it('expands named inputs and ^ over dependencies, negations included', () => {
    const sets = fileSetsOf(['default', '^production', '{workspaceRoot}/.dockerignore'], project, [lib]);
    expect(isCovered('tools/tool/test/x.spec.ts', sets)).toBe(true);
    expect(isCovered('nx.json', sets)).toBe(true);
    expect(isCovered('libs/lib/src/index.ts', sets)).toBe(true);
    expect(isCovered('libs/lib/test/index.spec.ts', sets)).toBe(false);
    expect(isCovered('.dockerignore', sets)).toBe(true);
    expect(isCovered('apps/api/Dockerfile', sets)).toBe(false);
  });

  it('reports a read the inputs leave out', () => {
    const sets = fileSetsOf(['default'], project, []);
    const files = ['apps/api/Dockerfile', 'apps/worker/Dockerfile', 'apps/api/src/main.ts', 'tools/tool/test/a.spec.ts'];
    expect(filesRead('apps/*/Dockerfile', files).filter((f) => !isCovered(f, sets))).toEqual(['apps/api/Dockerfile', 'apps/worker/Dockerfile']);
    expect(filesRead('apps/api', files)).toEqual(['apps/api/Dockerfile', 'apps/api/src/main.ts']);
  });
});
