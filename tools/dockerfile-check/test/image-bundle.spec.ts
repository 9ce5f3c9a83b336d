import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { builtinModules } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EmbeddedAws, freePort } from '@platform/shared/testing';
import { parseDockerfile, type Stage } from '../src/parse-dockerfile';

/**
 * No Docker engine here, so this rebuilds the image's /app the way the Dockerfile does: the esbuild
 * bundle folder it COPYs, a node_modules holding only the dependencies of the pruned package.json
 * it installs (a require of anything else fails, as it would in the image), the ENV of the runtime
 * stage, then its CMD with plain `node`, against the embedded DynamoDB/SQS.
 */
const REPO_ROOT = join(__dirname, '..', '..', '..');
const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

interface ImageLayout {
  readonly bundleDir: string;
  readonly env: Record<string, string>;
  readonly cmd: readonly string[];
}

/** What the runtime (last) stage puts in /app and runs. */
function imageLayout(app: string): ImageLayout {
  const dockerfile = parseDockerfile(readFileSync(join(REPO_ROOT, 'apps', app, 'Dockerfile'), 'utf8'));
  const runtime: Stage = dockerfile.stages[dockerfile.stages.length - 1];
  const copy = runtime.instructions.find((i) => i.keyword === 'COPY' && i.flags.from === undefined);
  const cmd = runtime.instructions.filter((i) => i.keyword === 'CMD').pop();
  if (copy === undefined || cmd === undefined || !cmd.execForm) throw new Error(`apps/${app}/Dockerfile: no COPY of the bundle or no exec-form CMD`);
  const env: Record<string, string> = {};
  for (const i of runtime.instructions.filter((i) => i.keyword === 'ENV')) {
    for (const pair of i.args) {
      const [key, ...value] = pair.split('=');
      env[key] = value.join('=');
    }
  }
  return { bundleDir: copy.args[0], env, cmd: cmd.args };
}

/** /app: the bundle folder plus node_modules with only the packages its package.json lists; returns them. */
function assembleApp(layout: ImageLayout, dir: string): string[] {
  cpSync(join(REPO_ROOT, layout.bundleDir), dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(REPO_ROOT, 'node_modules', name), link, 'dir');
  }
  return Object.keys(manifest.dependencies ?? {});
}

/** npm packages a CommonJS bundle requires (`require("fastify")`, `require("@aws-sdk/client-sqs/x")`). */
function packagesRequiredBy(bundle: string): string[] {
  const names = new Set<string>();
  for (const [, specifier] of readFileSync(bundle, 'utf8').matchAll(/\brequire\("([^"./][^"]*)"\)/g)) {
    if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
  }
  return [...names].sort();
}

/** Packages imported (`from 'x'`) anywhere in a source folder. */
function packagesNamedIn(srcDir: string): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    for (const [, specifier] of readFileSync(join(srcDir, file), 'utf8').matchAll(/from '([^'./][^']*)'/g)) {
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return names;
}

async function waitForStatus(url: string, child: ChildProcess, output: () => string): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before answering: ${output()}`);
    try {
      return (await fetch(url)).status;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer within 20 s: ${output()}`);
}

describe('the bundle each Dockerfile copies', () => {
  let aws: EmbeddedAws;
  let work: string;

  beforeAll(async () => {
    // Nx restores the bundle from its cache when the sources are unchanged; else esbuild runs.
    execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api,worker', '--output-style=static'], {
      cwd: REPO_ROOT,
      env: NX_ENV,
      stdio: 'ignore',
      timeout: 240_000,
    });
    aws = await EmbeddedAws.start({ tablePrefix: `bundle-${randomBytes(3).toString('hex')}` });
    work = mkdtempSync(join(tmpdir(), 'image-bundle-'));
  }, 300_000);

  afterAll(async () => {
    await aws?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it.each([
    ['api', 'PORT'],
    ['worker', 'HEALTH_PORT'],
  ])('%s starts with plain node, answers /healthz and exits 0 on SIGTERM', async (app, portVariable) => {
    const layout = imageLayout(app);
    expect(layout.cmd).toEqual(['node', 'main.js']);
    expect(layout.env.NODE_ENV).toBe('production');
    const dir = join(work, app);
    const installed = assembleApp(layout, dir);
    // Production dependencies only: every package the bundle requires, and beyond those only
    // packages the app's own sources name (type-only imports such as a type provider) — not, say,
    // the embedded DynamoDB/SQS that libs/shared/testing starts in tests.
    const required = packagesRequiredBy(join(dir, 'main.js'));
    expect(required.filter((name) => !installed.includes(name))).toEqual([]);
    const named = packagesNamedIn(join(REPO_ROOT, 'apps', app, 'src'));
    expect(installed.filter((name) => !required.includes(name) && !named.has(name))).toEqual([]);

    const port = await freePort();
    const child = spawn(layout.cmd[0] === 'node' ? process.execPath : layout.cmd[0], layout.cmd.slice(1), {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        ...layout.env,
        ...aws.env,
        HOST: '127.0.0.1',
        [portVariable]: String(port),
        CURSOR_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      expect(await waitForStatus(`http://127.0.0.1:${port}/healthz`, child, () => output.slice(-2000))).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
