import { CatalogError, parseCatalog, pathPatternMatches } from '../src';
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
    const other = { ...MANIFESTS.web, name: 'web2', port: 3002 };
    const { sources, projects } = workspaceOf(MANIFESTS.web, other);
    expect(problemsOf(() => parseCatalog(sources, projects, ENVIRONMENTS))).toEqual([
      'apps/web2/service.json: http.priority 100 is already used by service "web1"; listener rule priorities are unique',
      'apps/web2/service.json: http routes the same hosts and paths as service "web1"',
    ]);
  });

  it('rejects a web health path the shared ALB would not route to the service', () => {
    const unrouted = { ...MANIFESTS.web, health: { path: '/healthz' } };
    expect(problemsOf(() => parseCatalog(workspaceOf(unrouted).sources, workspaceOf(unrouted).projects, ENVIRONMENTS))).toEqual([
      'apps/web1/service.json: health.path "/healthz" matches none of http.paths (/web1/*), so the ALB would not route the smoke test to this service',
    ]);
    const catchAll = { ...MANIFESTS.web, name: 'site', port: 3001, http: { paths: ['/*'], priority: 10 }, health: { path: '/healthz' } };
    const { sources, projects } = workspaceOf(MANIFESTS.web, catchAll);
    expect(problemsOf(() => parseCatalog(sources, projects, ENVIRONMENTS))).toEqual([
      'apps/web1/service.json: health.path "/web1/healthz" is routed to service "site" first (priority 10)',
    ]);
    const hostOnly = { ...catchAll, http: { ...catchAll.http, hosts: ['site.example.com'] } };
    expect(parseCatalog(workspaceOf(MANIFESTS.web, hostOnly).sources, workspaceOf(MANIFESTS.web, hostOnly).projects, ENVIRONMENTS).services).toHaveLength(2);
  });

  it('rejects two services on the same port', () => {
    const backend = { ...MANIFESTS.backend, port: MANIFESTS.web.port };
    const { sources, projects } = workspaceOf(MANIFESTS.web, backend);
    expect(problemsOf(() => parseCatalog(sources, projects, ENVIRONMENTS))).toEqual([
      'apps/back1/service.json: port 3000 is already used by service "web1"; ports are unique so every service can run side by side locally',
    ]);
  });

  it('matches ALB path patterns: * any run of characters, ? one, case-sensitive', () => {
    expect(pathPatternMatches('/*', '/healthz')).toBe(true);
    expect(pathPatternMatches('/web1/*', '/web1/healthz')).toBe(true);
    expect(pathPatternMatches('/web1/*', '/web1')).toBe(false);
    expect(pathPatternMatches('/v?/x', '/v1/x')).toBe(true);
    expect(pathPatternMatches('/Web1/*', '/web1/a')).toBe(false);
    expect(pathPatternMatches('/a.b', '/axb')).toBe(false);
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
