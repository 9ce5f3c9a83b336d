import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { loadEnvironments } from '@platform/infra-config';
import { buildPlatform } from '../platform';
import { workspaceCatalog } from './synth-platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const REPO = join(__dirname, '../..');

/** VOLUME paths of a Dockerfile's final stage (exec and plain form; line continuations joined). */
function finalStageVolumes(dockerfile: string): string[] {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/).filter((line) => !/^\s*#/.test(line));
  const stage = lines.slice(lines.map((line) => /^\s*FROM\s/i.test(line)).lastIndexOf(true));
  return stage.flatMap((line) => {
    const args = /^\s*VOLUME\s+(.*)$/i.exec(line)?.[1]?.trim();
    if (!args) return [];
    return args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
  });
}

/**
 * The two halves of a writable path: the task definition mounts a bind volume read-write at the
 * path, and the image declares the same path as a VOLUME (which is what gives the mount the image
 * directory's owner instead of root 0755). Each container is built from apps/<container name>.
 */
describe('writable volumes: Dockerfiles and synthesized task definitions agree', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'infra-volumes-'));
  const app = new App({ outdir });
  const catalog = workspaceCatalog();
  buildPlatform(app, { environments: loadEnvironments({}), catalog });
  const services = catalog.services.map((service) => service.name);
  app.synth();
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const containers = readdirSync(join(outdir, 'stacks')).flatMap((stack) => {
    const json: Json = JSON.parse(readFileSync(join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
    return Object.values<Json>(json.resource?.aws_ecs_task_definition ?? {}).flatMap((task) =>
      (JSON.parse(task.container_definitions) as Json[]).map((container) => ({ stack, container })),
    );
  });

  it('finds a container of every catalog service in every environment', () => {
    const names = containers.map(({ stack, container }) => `${stack.split('-')[0]} ${container.name}`);
    for (const env of ['dev', 'staging', 'prod']) expect(names).toEqual(expect.arrayContaining(services.map((name) => `${env} ${name}`)));
  });

  it.each(workspaceCatalog().services.map((service) => service.name))('apps/%s/Dockerfile declares exactly the paths its task mounts read-write', (name) => {
    const volumes = finalStageVolumes(readFileSync(join(REPO, 'apps', name, 'Dockerfile'), 'utf8')).sort();
    const mine = containers.filter(({ container }) => container.name === name);
    expect(mine.length).toBeGreaterThan(0);
    for (const { stack, container } of mine) {
      const writable = (container.mountPoints as Json[]).filter((mount) => mount.readOnly !== true).map((mount) => mount.containerPath);
      expect({ stack, paths: writable.sort() }).toEqual({ stack, paths: volumes });
    }
  });

  it('puts every file path the containers are told to write under one of the image\'s VOLUMEs', () => {
    for (const { stack, container } of containers) {
      const volumes = finalStageVolumes(readFileSync(join(REPO, 'apps', container.name, 'Dockerfile'), 'utf8'));
      for (const variable of container.environment as { name: string; value: string }[]) {
        if (!/(_FILE|_DIR)$/.test(variable.name) || !variable.value.startsWith('/')) continue;
        const covered = volumes.some((volume) => variable.value.startsWith(`${volume.replace(/\/$/, '')}/`));
        expect({ stack, container: container.name, [variable.name]: variable.value, covered }).toEqual({
          stack,
          container: container.name,
          [variable.name]: variable.value,
          covered: true,
        });
      }
    }
  });
});
