import { readJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { manifestProblems } from '@platform/service-catalog';
import { ENVIRONMENT_NAMES } from '@platform/infra-config';
import { serviceGenerator, ServiceGeneratorError } from '../src/generators/service/generator';
import type { ServiceGeneratorSchema } from '../src/generators/service/schema';

const generate = (tree: Tree, options: Partial<ServiceGeneratorSchema> & { name: string }) =>
  serviceGenerator(tree, { kind: 'web', skipFormat: true, ...options } as ServiceGeneratorSchema);

/** An existing service as the real workspace has them: project.json with the image tag, and its manifest. */
function addService(tree: Tree, manifest: Record<string, unknown>): void {
  const name = String(manifest.name);
  tree.write(`apps/${name}/project.json`, JSON.stringify({ name, root: `apps/${name}`, tags: ['type:app', 'deploy:image'] }));
  tree.write(`apps/${name}/service.json`, JSON.stringify(manifest));
}

const API = {
  name: 'api',
  kind: 'web',
  description: 'The API.',
  port: 3000,
  http: { paths: ['/*'], priority: 1000 },
  health: { path: '/healthz' },
  cpu: 256,
  memoryMiB: 512,
};

/** Every file the generator wrote, relative to the tree root. */
const written = (tree: Tree) => tree.listChanges().map((c) => c.path).sort();

describe('service generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    tree.write('.nvmrc', '24.21.0\n');
    addService(tree, API);
  });

  const manifest = (name: string) => readJson(tree, `apps/${name}/service.json`);
  const project = (name: string) => readJson(tree, `apps/${name}/project.json`);

  describe.each(['web', 'backend', 'worker', 'scheduled'] as const)('--kind=%s', (kind) => {
    const name = `new-${kind}`;
    beforeEach(async () => {
      tree = createTreeWithEmptyWorkspace();
      tree.write('.nvmrc', '24.21.0\n');
      addService(tree, API);
      const before = new Map(tree.listChanges().map((c) => [c.path, c.content?.toString('utf-8')]));
      await generate(tree, { name, kind });
      // Nothing outside apps/<name>/ is added or changed.
      const outside = tree.listChanges().filter((c) => !c.path.startsWith(`apps/${name}/`) && before.get(c.path) !== c.content?.toString('utf-8'));
      expect(outside.map((c) => c.path)).toEqual([]);
    });

    it('writes only under apps/<name>/: app, tests, Dockerfile, project, tsconfigs, jest config and manifest', () => {
      const files = written(tree).filter((p) => p.startsWith(`apps/${name}/`));
      expect(files).toEqual(
        expect.arrayContaining(
          ['Dockerfile', 'jest.config.js', 'project.json', 'service.json', 'tsconfig.app.json', 'tsconfig.json', 'src/main.ts', 'src/config.ts'].map((f) => `apps/${name}/${f}`),
        ),
      );
      expect(files.some((f) => /\/test\/.+\.(spec|test)\.ts$/.test(f))).toBe(true);
      expect(files.filter((f) => f.includes('__') || f.endsWith('tmpl'))).toEqual([]);
      const text = files.map((f) => tree.read(f, 'utf-8') ?? '').join('\n');
      expect(text).not.toMatch(/<%|%>/);
    });

    it('writes a manifest the catalog validates, with the smallest size', () => {
      expect(manifestProblems(manifest(name), ENVIRONMENT_NAMES)).toEqual([]);
      expect(manifest(name)).toMatchObject({ name, kind, cpu: 256, memoryMiB: 512, $schema: '../../libs/service-catalog/service.schema.json' });
    });

    it('tags the project type:app, scope, kind and deploy:image, with build/docker-build/serve/typecheck targets (test and lint are inferred)', () => {
      expect(project(name).tags).toEqual(['type:app', `scope:${name}`, `kind:${kind}`, 'deploy:image']);
      expect(Object.keys(project(name).targets).sort()).toEqual(['build', 'docker-build', 'serve', 'typecheck']);
      expect(tree.exists(`apps/${name}/jest.config.js`)).toBe(true);
      expect(project(name).targets.build).toMatchObject({ executor: '@nx/esbuild:esbuild', options: { main: `apps/${name}/src/main.ts`, outputPath: `dist/apps/${name}` } });
    });

    it('writes a Dockerfile with a non-root user, exec-form CMD and a health check', () => {
      const dockerfile = tree.read(`apps/${name}/Dockerfile`, 'utf-8') ?? '';
      expect(dockerfile).toMatch(/^USER node$/m);
      expect(dockerfile).toMatch(/^CMD \["node", "main\.js"\]$/m);
      expect(dockerfile).toMatch(/^HEALTHCHECK /m);
      expect(dockerfile).toContain(`COPY dist/apps/${name}/ ./`);
      expect(dockerfile).toMatch(/NODE_ENV=production/);
      expect(dockerfile.match(/^FROM .*$/gm)).toEqual(['FROM node:24.21.0-bookworm-slim AS deps', 'FROM node:24.21.0-bookworm-slim AS runtime']);
    });
  });

  it('web: paths from --path, the lowest free priority from 100 and the next free port', async () => {
    addService(tree, { ...API, name: 'reports', http: { paths: ['/reports', '/reports/*'], priority: 100 }, health: { path: '/reports/healthz' }, port: 3001 });
    addService(tree, { ...API, name: 'billing', http: { paths: ['/billing', '/billing/*'], priority: 120 }, health: { path: '/billing/healthz' }, port: 3002 });
    await generate(tree, { name: 'search', path: '/v1/search' });
    expect(manifest('search')).toMatchObject({
      port: 3003,
      http: { paths: ['/v1/search', '/v1/search/*'], priority: 110 },
      health: { path: '/v1/search/healthz', matcher: '200' },
      count: { desired: 1, min: 1, max: 2 },
      alarms: { p99LatencyMs: 1500, http5xxPerMinute: 10 },
    });
    expect(tree.read('apps/search/src/app.ts', 'utf-8')).toContain("export const PREFIX = '/v1/search';");
  });

  it('web: --path defaults to /<name>', async () => {
    await generate(tree, { name: 'reports' });
    expect(manifest('reports').http).toEqual({ paths: ['/reports', '/reports/*'], priority: 100 });
  });

  it('backend: port and health, no http block', async () => {
    await generate(tree, { name: 'pricing', kind: 'backend' });
    expect(manifest('pricing')).toMatchObject({ port: 3001, health: { path: '/healthz' } });
    expect(manifest('pricing').http).toBeUndefined();
  });

  it('worker: consumes --queue (default scan-requests), heartbeat file under /tmp, failures alarm on its metric', async () => {
    await generate(tree, { name: 'redriver', kind: 'worker', queue: 'scan-requests-dlq' });
    expect(manifest('redriver')).toMatchObject({
      uses: { queues: { 'scan-requests-dlq': 'consume' } },
      heartbeat: { file: '/tmp/redriver-heartbeat', maxAgeSeconds: 120 },
      alarms: { failures: { metric: { namespace: 'DocScan/Workers', metricName: 'MessagesFailed', dimensions: { Service: 'redriver' } } } },
    });
    expect(tree.read('apps/redriver/src/config.ts', 'utf-8')).toContain("reader.requiredUrl('SCAN_DLQ_URL')");
    await generate(tree, { name: 'second', kind: 'worker' });
    expect(manifest('second').uses).toEqual({ queues: { 'scan-requests': 'consume' } });
  });

  it('scheduled: --schedule (default 03:00 UTC daily), no count, a failures alarm on RunsFailed', async () => {
    await generate(tree, { name: 'nightly', kind: 'scheduled' });
    await generate(tree, { name: 'hourly', kind: 'scheduled', schedule: 'rate(1 hour)' });
    expect(manifest('nightly')).toMatchObject({
      schedule: 'cron(0 3 * * ? *)',
      alarms: { failures: { metric: { namespace: 'DocScan/Jobs', metricName: 'RunsFailed', dimensions: { Service: 'nightly' } }, threshold: 0 } },
    });
    expect(manifest('nightly').count).toBeUndefined();
    expect(manifest('hourly').schedule).toBe('rate(1 hour)');
  });

  describe('refuses, writing nothing', () => {
    const refuses = async (options: Partial<ServiceGeneratorSchema> & { name: string }, message: RegExp) => {
      const before = written(tree);
      await expect(generate(tree, options)).rejects.toThrow(ServiceGeneratorError);
      await expect(generate(tree, options)).rejects.toThrow(message);
      expect(written(tree)).toEqual(before);
    };

    it('an existing apps/<name>', async () => {
      tree.write('apps/legacy/README.md', 'kept');
      await refuses({ name: 'legacy' }, /apps\/legacy already exists/);
      await refuses({ name: 'api' }, /apps\/api already exists/);
    });

    it('a name of an existing Nx project elsewhere', async () => {
      tree.write('libs/shared/project.json', JSON.stringify({ name: 'shared', root: 'libs/shared' }));
      await refuses({ name: 'shared' }, /an Nx project named "shared" already exists \(libs\/shared\)/);
    });

    it.each(['Reports', 'reports_api', 'reports--api', '-reports', '9lives', 'a-very-long-service-name-indeed', ''])('the name "%s"', async (name) => {
      await refuses({ name }, /is not lowercase kebab-case of at most 20 characters/);
    });

    it('an unknown kind', async () => {
      await refuses({ name: 'thing', kind: 'cron' as never }, /unknown kind "cron": use one of web, backend, worker, scheduled/);
    });

    it.each([
      [{ kind: 'worker', path: '/x' }, /--path is for web services only; a worker service does not use it/],
      [{ kind: 'backend', path: '/x' }, /--path is for web services only/],
      [{ kind: 'scheduled', priority: 200 }, /--priority is for web services only/],
      [{ kind: 'web', schedule: 'rate(1 hour)' }, /--schedule is for scheduled services only; a web service does not use it/],
      [{ kind: 'worker', schedule: 'rate(1 hour)' }, /--schedule is for scheduled services only/],
      [{ kind: 'scheduled', queue: 'scan-requests' }, /--queue is for worker services only/],
      [{ kind: 'worker', port: 3010 }, /--port is for web\/backend services only/],
    ] as const)('an option for another kind: %j', async (options, message) => {
      await refuses({ name: 'thing', ...options }, message);
    });

    it('a --path another web service routes', async () => {
      addService(tree, { ...API, name: 'reports', http: { paths: ['/reports', '/reports/*'], priority: 100 }, health: { path: '/reports/healthz' }, port: 3001 });
      await refuses({ name: 'reports2', path: '/reports' }, /path \/reports, \/reports\/\* is already routed to service "reports" \(apps\/reports\/service.json\)/);
      await refuses({ name: 'catchall', path: '/*' }, /is not a path prefix/);
    });

    it('a --priority another web service uses', async () => {
      await refuses({ name: 'reports', priority: 1000 }, /listener rule priority 1000 is already used by service "api"/);
    });

    it('a --port another service declares', async () => {
      await refuses({ name: 'reports', port: 3000 }, /port 3000 is already declared by service "api"/);
    });

    it('a malformed --schedule, an unknown --queue, a malformed --path', async () => {
      await refuses({ name: 'nightly', kind: 'scheduled', schedule: '0 3 * * *' }, /is not an EventBridge Scheduler expression/);
      await refuses({ name: 'consumer', kind: 'worker', queue: 'orders' }, /--queue "orders" is not a queue in libs\/shared definitions \(known: scan-requests-dlq, scan-requests\)/);
      await refuses({ name: 'reports', path: '/reports/' }, /is not a path prefix/);
    });

    it('a catalog that does not validate with the new manifest in it (here: a broken manifest already there)', async () => {
      tree.write('apps/broken/project.json', JSON.stringify({ name: 'broken', root: 'apps/broken', tags: ['type:app', 'deploy:image'] }));
      tree.write('apps/broken/service.json', JSON.stringify({ ...API, name: 'broken', cpu: 'lots' }));
      await expect(generate(tree, { name: 'reports' })).rejects.toThrow(/the service catalog would not validate with apps\/reports\/service.json[\s\S]*apps\/broken\/service.json: cpu/);
    });
  });
});
