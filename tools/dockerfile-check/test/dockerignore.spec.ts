import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCommand, checkDockerIgnore, checkWorkspace } from '../src/check-command';
import { CliError } from '../src/cli-error';
import { DockerIgnore } from '../src/dockerignore';

const REPO_ROOT = join(__dirname, '..', '..', '..');

describe('.dockerignore', () => {
  const root = new DockerIgnore(readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8'));

  it('the root .dockerignore keeps out everything that must never ship', () => {
    expect(checkDockerIgnore(root)).toEqual([]);
  });

  it('lets every app\'s bundle and pruned manifests in, a newly generated one included', () => {
    for (const app of ['api', 'worker', 'a-new-service']) {
      for (const file of ['main.js', 'main.js.map', 'package.json', 'package-lock.json']) {
        expect(root.excludes(`dist/apps/${app}/${file}`)).toBe(false);
      }
    }
  });

  it('follows Docker semantics: last match wins, parents match, * stays in a segment', () => {
    const ignore = new DockerIgnore('*\n!dist/\ndist/**/*.map\n!dist/keep.map\n/docs/*.md\n');
    expect(ignore.excludes('README.md')).toBe(true);
    expect(ignore.excludes('dist/main.js')).toBe(false);
    expect(ignore.excludes('dist/a/b/main.js.map')).toBe(true);
    expect(ignore.excludes('dist/keep.map')).toBe(false);
    expect(new DockerIgnore('node_modules').excludes('node_modules/a/b.js')).toBe(true);
    expect(new DockerIgnore('node_modules').excludes('apps/node_modules/a.js')).toBe(false);
    expect(new DockerIgnore('*.md').excludes('docs/a.md')).toBe(false);
  });

  it('a .dockerignore that forgets secrets and tests is reported', () => {
    const problems = checkDockerIgnore(new DockerIgnore('node_modules\n.git\n'));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('lets environment files into the build context (.env)')]));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('lets tests into the build context')]));
  });
});

describe('checkCommand', () => {
  it('passes on this repository', async () => {
    // Every deploy:image project's Dockerfile (api, worker, purge-expired and any generated service).
    const dockerfiles = checkWorkspace({ cwd: REPO_ROOT }).checked.slice(0, -1);
    expect(dockerfiles).toEqual(expect.arrayContaining(['apps/api/Dockerfile', 'apps/purge-expired/Dockerfile', 'apps/worker/Dockerfile']));
    await expect(checkCommand({ cwd: REPO_ROOT })).resolves.toContain(`${dockerfiles.slice(0, -1).join(', ')}, ${dockerfiles.at(-1)} and .dockerignore pass`);
  });

  it('fails with one line per problem when a Dockerfile copies what .dockerignore keeps out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockerfile-check-'));
    try {
      mkdirSync(join(dir, 'apps/api'), { recursive: true });
      cpSync(join(REPO_ROOT, 'apps/api/project.json'), join(dir, 'apps/api/project.json'));
      const dockerfile = readFileSync(join(REPO_ROOT, 'apps/api/Dockerfile'), 'utf8').replace('USER node', 'USER root');
      writeFileSync(join(dir, 'apps/api/Dockerfile'), dockerfile);
      writeFileSync(join(dir, '.dockerignore'), readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8') + 'dist\n');
      const error = (await checkCommand({ cwd: dir }).catch((e: unknown) => e)) as CliError;
      expect(error).toBeInstanceOf(CliError);
      expect(error.message).toMatch(/apps\/api\/Dockerfile:\d+: \[non-root-user\] USER root runs as root/);
      expect(error.message).toMatch(/\[context\] COPY dist\/apps\/api\/: \.dockerignore keeps it out/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
