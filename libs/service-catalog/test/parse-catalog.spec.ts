import { CatalogError, parseCatalog } from '../src';
import { ENVIRONMENTS, MANIFESTS, workspaceOf } from './catalog-fixtures';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CatalogError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a CatalogError');
}

describe('parseCatalog', () => {
  it('accepts one service of each kind, sorted by name', () => {
    const { sources, projects } = workspaceOf(MANIFESTS.web, MANIFESTS.backend, MANIFESTS.worker, MANIFESTS.scheduled);
    const catalog = parseCatalog(sources, projects, ENVIRONMENTS);
    expect(catalog.services.map((s) => s.name)).toEqual(['back1', 'job1', 'web1', 'work1']);
    expect(catalog.get('work1')?.kind).toBe('worker');
    expect(catalog.entries[0].root).toBe('apps/back1');
  });

  it('rejects a deploy:image project without a manifest, naming the project', () => {
    const { sources, projects } = workspaceOf(MANIFESTS.web);
    projects.push({ root: 'apps/notifier', name: 'notifier', tags: ['deploy:image'] });
    expect(problemsOf(() => parseCatalog(sources, projects, ENVIRONMENTS))).toEqual([
      'apps/notifier: project notifier is tagged "deploy:image" but has no service.json, so nothing would deploy its image',
    ]);
  });

  it('rejects a manifest without a project, and one whose project lacks the image tag', () => {
    const { sources } = workspaceOf(MANIFESTS.web, MANIFESTS.backend);
    const projects = [{ root: 'apps/back1', name: 'back1', tags: ['type:app'] }];
    expect(problemsOf(() => parseCatalog(sources, projects, ENVIRONMENTS))).toEqual([
      'apps/web1/service.json: no project.json beside it; the manifest declares a project that does not exist',
      'apps/back1/service.json: project back1 lacks the "deploy:image" tag, so its image would never be built',
    ]);
  });

  it('rejects two web services with the same priority or the same routes', () => {
    const other = { ...MANIFESTS.web, name: 'web2' };
    const { sources, projects } = workspaceOf(MANIFESTS.web, other);
    expect(problemsOf(() => parseCatalog(sources, projects, ENVIRONMENTS))).toEqual([
      'apps/web2/service.json: http.priority 100 is already used by service "web1"; listener rule priorities are unique',
      'apps/web2/service.json: http routes the same hosts and paths as service "web1"',
    ]);
  });

  it('rejects a name that is not its folder name', () => {
    const { sources, projects } = workspaceOf(MANIFESTS.web);
    sources[0] = { ...sources[0], path: 'apps/other/service.json' };
    projects[0] = { ...projects[0], root: 'apps/other' };
    expect(problemsOf(() => parseCatalog(sources, projects, ENVIRONMENTS))).toEqual([
      'apps/other/service.json: name: "web1" must equal its folder name "other"',
    ]);
  });

  it('reports invalid JSON with the file name', () => {
    const { projects } = workspaceOf(MANIFESTS.web);
    const problems = problemsOf(() => parseCatalog([{ path: 'apps/web1/service.json', text: '{ nope' }], projects, ENVIRONMENTS));
    expect(problems[0]).toMatch(/^apps\/web1\/service\.json: not valid JSON/);
  });

  it('gives one line for one problem and a list for several', () => {
    const { sources, projects } = workspaceOf(MANIFESTS.web);
    projects.push({ root: 'apps/a', name: 'a', tags: ['deploy:image'] }, { root: 'apps/b', name: 'b', tags: ['deploy:image'] });
    try {
      parseCatalog(sources, projects, ENVIRONMENTS);
    } catch (error) {
      expect((error as Error).message).toMatch(/^2 problems in the service catalog:\n {2}apps\/a: .*\n {2}apps\/b: /);
    }
    expect.assertions(1);
  });
});
