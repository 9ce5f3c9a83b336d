import { manifestProblems } from '../src';
import { ENVIRONMENTS, MANIFESTS } from './catalog-fixtures';

const check = (manifest: unknown) => manifestProblems(manifest, ENVIRONMENTS);

describe('manifestProblems', () => {
  it.each(Object.entries(MANIFESTS))('accepts the %s example', (_kind, manifest) => {
    expect(check(manifest)).toEqual([]);
  });

  it('names the field of a schema violation', () => {
    expect(check({ ...MANIFESTS.web, port: 80 })).toEqual(['port: Expected integer to be greater or equal to 1024']);
    expect(check({ ...MANIFESTS.web, kind: 'lambda' })[0]).toMatch(/^kind: /);
    expect(check({ ...MANIFESTS.web, colour: 'blue' })[0]).toMatch(/colour|Unexpected property/);
  });

  it('asks each kind for what it needs', () => {
    const { http: _http, ...web } = MANIFESTS.web;
    expect(check(web)).toEqual(['http: a web service needs it (the listener rule: paths, hosts and priority)']);
    const { schedule: _schedule, ...job } = MANIFESTS.scheduled;
    expect(check(job)).toEqual(['schedule: a scheduled service needs it (when EventBridge Scheduler runs the task, e.g. "cron(0 3 * * ? *)")']);
    const { port: _port, ...backend } = MANIFESTS.backend;
    expect(check(backend)).toEqual(['port: a backend service needs it (the port Service Connect routes to)']);
  });

  it('refuses fields a kind does not use', () => {
    expect(check({ ...MANIFESTS.backend, http: MANIFESTS.web.http })).toEqual(['http: not used by a backend service; remove it']);
    expect(check({ ...MANIFESTS.scheduled, count: { desired: 1, min: 1, max: 1 } })).toEqual(['count: not used by a scheduled service; remove it']);
    expect(check({ ...MANIFESTS.worker, port: 3000 })).toEqual(['port: not used by a worker service; remove it']);
  });

  it('wants a worker to consume exactly one queue, and nobody else to consume', () => {
    expect(check({ ...MANIFESTS.worker, uses: { queues: { 'scan-requests': 'send' } } })).toEqual([
      'uses.queues: a worker consumes exactly one queue ("consume" or "send-consume")',
    ]);
    expect(check({ ...MANIFESTS.web, uses: { queues: { 'scan-requests': 'consume' } } })).toEqual([
      'uses.queues: only a worker consumes a queue; a web service may "send"',
    ]);
  });

  it('checks counts, environments, tables, queues, indexes and variables', () => {
    expect(check({ ...MANIFESTS.web, count: { desired: 5, min: 1, max: 2 } })).toEqual(['count: desired (5) must lie between min and max']);
    expect(check({ ...MANIFESTS.web, count: { desired: 0, min: 0, max: 2 } })).toEqual(['count.min: a web service keeps at least one task']);
    expect(check({ ...MANIFESTS.web, environments: { qa: { cpu: 512 } } })).toEqual(['environments.qa: not an environment (known: dev, staging, prod)']);
    expect(check({ ...MANIFESTS.web, uses: { tables: { users: 'read' } } })[0]).toMatch(/^uses\.tables\.users: no such table in libs\/shared definitions \(known: scans,/);
    expect(check({ ...MANIFESTS.web, uses: { queues: { emails: 'send' } } })[0]).toMatch(/^uses\.queues\.emails: no such queue/);
    expect(check({ ...MANIFESTS.web, uses: { tables: { scans: { access: 'read', indexes: ['byTenant'] } } } })).toEqual([
      'uses.tables.scans.indexes: scans has no index "byTenant"',
    ]);
    expect(check({ ...MANIFESTS.web, variables: { PORT: '80' } })).toEqual(['variables.PORT: set by the platform; remove it']);
    expect(check({ ...MANIFESTS.web, variables: { TOKEN: 'x' }, secrets: { TOKEN: 'token' } })).toEqual([
      'secrets.TOKEN: also set in variables; keep it in secrets only',
    ]);
  });
});
