import { ENVIRONMENT_NAMES, imageTagVariable } from '@platform/infra-config';
import { loadCatalog } from '@platform/service-catalog';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fixturesCorpus } from '@platform/cli-support';
import { REPO_ROOT } from '../src';
import { newWorld, synthesize } from './deploy-harness';

const SCRIPTS = path.join(REPO_ROOT, '.github/scripts');
// Plans made in the repository (plan-summary's fixtures, one of them real `terraform show -json`
// output), and real plans from public repositories when the external corpus is present.
const PROJECT_PLANS = [path.join(REPO_ROOT, 'tools/plan-summary/test/fixtures'), path.join(REPO_ROOT, 'tools/plan-summary/test/fixtures/terraform-show')];
const corpus = fixturesCorpus('terraform-plans', 'plan-for-review.jq on real plans from public repositories');

function script(name: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  return spawnSync(path.join(SCRIPTS, name), args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, GITHUB_OUTPUT: '', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' }).trim();
}

describe('.github/scripts', () => {
  it('every shell script parses (bash -n)', () => {
    const shells = readdirSync(SCRIPTS).filter((f) => f.endsWith('.sh'));
    expect(shells.length).toBeGreaterThanOrEqual(8);
    for (const f of shells) {
      const r = spawnSync('bash', ['-n', path.join(SCRIPTS, f)], { encoding: 'utf8' });
      expect([f, r.status, r.stderr]).toEqual([f, 0, '']);
    }
  });

  describe('set-shas.sh', () => {
    let origin: string;
    let featureHead: string;
    let forkPoint: string;

    beforeAll(() => {
      origin = mkdtempSync(path.join(tmpdir(), 'set-shas-origin-'));
      git(origin, 'init', '-q', '-b', 'main');
      writeFileSync(path.join(origin, 'a.txt'), '1');
      git(origin, 'add', '.');
      git(origin, 'commit', '-q', '-m', 'one');
      forkPoint = git(origin, 'rev-parse', 'HEAD');
      git(origin, 'checkout', '-q', '-b', 'feature');
      writeFileSync(path.join(origin, 'b.txt'), '2');
      git(origin, 'add', '.');
      git(origin, 'commit', '-q', '-m', 'feature');
      featureHead = git(origin, 'rev-parse', 'HEAD');
      git(origin, 'checkout', '-q', 'main');
      writeFileSync(path.join(origin, 'a.txt'), '3');
      git(origin, 'commit', '-q', '-am', 'main moves on');
    });

    function clone(...flags: string[]): string {
      const dir = mkdtempSync(path.join(tmpdir(), 'set-shas-clone-'));
      git(dir, 'clone', '-q', ...flags, `file://${origin}`, 'repo');
      const repo = path.join(dir, 'repo');
      git(repo, 'checkout', '-q', featureHead);
      return repo;
    }

    function outputs(file: string): Record<string, string> {
      return Object.fromEntries(
        readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map((l) => l.split('=') as [string, string]),
      );
    }

    it('pr: base is the merge base with the target branch, not its tip', () => {
      const repo = clone('--no-single-branch');
      const out = path.join(repo, '..', 'github-output');
      const r = script('set-shas.sh', ['pr', 'main'], { cwd: repo, env: { GITHUB_OUTPUT: out } });
      expect(r.status).toBe(0);
      expect(outputs(out)).toEqual({ base: forkPoint, head: featureHead });
    });

    it('fails on a shallow clone instead of guessing', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'set-shas-shallow-'));
      git(dir, 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, 'repo');
      const r = script('set-shas.sh', ['pr', 'main'], { cwd: path.join(dir, 'repo') });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('shallow clone: check out with fetch-depth: 0');
    });

    it('main: DEPLOY_BASE overrides, and a base missing from the clone is an error', () => {
      const repo = clone('--no-single-branch');
      const out = path.join(repo, '..', 'github-output');
      expect(script('set-shas.sh', ['main', 'main.yml'], { cwd: repo, env: { GITHUB_OUTPUT: out, DEPLOY_BASE: forkPoint } }).status).toBe(0);
      expect(outputs(out).base).toBe(forkPoint);
      const missing = script('set-shas.sh', ['main', 'main.yml'], { cwd: repo, env: { DEPLOY_BASE: 'f'.repeat(40) } });
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('is not in this clone');
    });
    it('env: base is what the environment last deployed (tag deployed/<env>), everything on a first deploy', () => {
      const repo = clone('--no-single-branch');
      const out = path.join(repo, '..', 'github-output-env');
      expect(script('set-shas.sh', ['env', 'staging'], { cwd: repo, env: { GITHUB_OUTPUT: out } }).status).toBe(0);
      const first = outputs(out).base;
      expect(git(repo, 'rev-parse', `${first}^{tree}`)).toBe(git(repo, 'hash-object', '-t', 'tree', '/dev/null')); // nothing deployed: empty tree
      git(repo, 'tag', 'deployed/staging', forkPoint);
      writeFileSync(out, '');
      expect(script('set-shas.sh', ['env', 'staging'], { cwd: repo, env: { GITHUB_OUTPUT: out } }).status).toBe(0);
      expect(outputs(out)).toEqual({ base: forkPoint, head: featureHead });
      writeFileSync(out, '');
      expect(script('set-shas.sh', ['env', 'prod'], { cwd: repo, env: { GITHUB_OUTPUT: out } }).status).toBe(0);
      expect(outputs(out).base).not.toBe(forkPoint); // another environment's tag is not this one's base
    });
  });

  describe('stack-dir.sh', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'cdktf-out-'));
    beforeAll(() => {
      // The shape `cdktf synth` writes to cdktf.out/manifest.json.
      const stack = (id: string) => ({ name: id, constructPath: id, workingDirectory: `stacks/${id}`, synthesizedStackPath: `stacks/${id}/cdk.tf.json`, annotations: [], dependencies: [] });
      writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: { 'dev-data': stack('dev-data'), 'pr-12-service': stack('pr-12-service') } }));
    });

    it('finds a stack of an environment, including a preview environment', () => {
      expect(script('stack-dir.sh', ['dev', 'data'], { env: { CDKTF_OUT: out } }).stdout.trim()).toBe(`${out}/stacks/dev-data`);
      expect(script('stack-dir.sh', ['pr-12', 'service'], { env: { CDKTF_OUT: out } }).stdout.trim()).toBe(`${out}/stacks/pr-12-service`);
    });

    it('names the stacks it has when asked for one it has not', () => {
      const r = script('stack-dir.sh', ['prod', 'data'], { env: { CDKTF_OUT: out } });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('stack prod-data is not in');
      expect(r.stderr).toContain('dev-data, pr-12-service');
    });
  });

  describe('smoke-test.sh', () => {
    let server: Server;
    let base: string;
    let calls = 0;
    let healthyAfter = 0;

    beforeAll(async () => {
      server = createServer((req, res) => {
        calls += 1;
        res.statusCode = (req.url === '/healthz' || req.url === '/v1/healthz') && calls > healthyAfter ? 200 : 503;
        res.end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    function smoke(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
      // async: the server answering lives in this process
      return new Promise((resolve) => {
        const child = spawn(path.join(SCRIPTS, 'smoke-test.sh'), args, { env: process.env });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    }

    it('passes once /healthz answers 200, retrying before that', async () => {
      calls = 0;
      healthyAfter = 2;
      const r = await smoke([`${base}/`, '5', '0']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('answered 200 (attempt 3)');
    });

    it("calls a service stack's health-url (a URL with a path) as it is", async () => {
      calls = 0;
      healthyAfter = 0;
      const r = await smoke([`${base}/v1/healthz`, '2', '0']);
      expect([r.status, r.stdout]).toEqual([0, `smoke test passed: ${base}/v1/healthz answered 200 (attempt 1)\n`]);
    });

    it("smoke-layer.sh calls the health-url output of each applied service stack of the layer", async () => {
      calls = 0;
      healthyAfter = 0;
      const world = newWorld();
      synthesize(world, 'dev', [{ name: 'svc-api', outputs: ['health-url'] }, { name: 'svc-worker' }]);
      mkdirSync(path.join(world.dir, 'state'), { recursive: true });
      writeFileSync(path.join(world.dir, 'state', 'dev-svc-api.json'), JSON.stringify({ serial: 1, lineage: 'l', resources: [], outputs: { 'health-url': `${base}/v1/healthz` } }));
      const review = JSON.stringify({ environment: 'dev', layer: 2, attempt: 1, stacks: [{ stack: 'svc-api', action: 'apply' }, { stack: 'svc-worker', action: 'apply' }] });
      const r = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(path.join(SCRIPTS, 'smoke-layer.sh'), ['dev', '2', '0'], {
          cwd: REPO_ROOT,
          env: { ...process.env, PATH: `${path.join(__dirname, 'stand-ins')}:${process.env.PATH}`, STANDIN_WORLD: world.dir, CDKTF_OUT: world.out, REVIEW: review },
        });
        let stdout = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.on('close', (status) => resolve({ status, stdout }));
      });
      expect([r.status, r.stdout]).toEqual([0, `smoke test passed: ${base}/v1/healthz answered 200 (attempt 1)\n`]);
    });

    it('fails the deploy when /healthz never answers 200', async () => {
      calls = 0;
      healthyAfter = 1000;
      const r = await smoke([base, '3', '0']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('did not answer 200 after 3 attempts');
    });
  });

  describe('plan-for-review.jq', () => {
    /** Reduces every plan in `dirs`, then checks plan-summary reports the same from the reduced copies. */
    function keepsSummary(dirs: string[]): void {
      const plans = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f)));
      expect(plans.length).toBeGreaterThan(0);
      const reduced = mkdtempSync(path.join(tmpdir(), 'reduced-plans-'));
      const copies = plans.map((plan, i) => {
        const out = execFileSync('jq', ['-f', path.join(SCRIPTS, 'plan-for-review.jq'), plan], { encoding: 'utf8', maxBuffer: 64 << 20 });
        // no attribute values survive: the only `before` left holds deletion-protection flags
        expect(out).not.toMatch(/"after"\s*:/);
        expect(out).not.toContain('arn:aws:');
        mkdirSync(path.join(reduced, String(i)));
        const copy = path.join(reduced, String(i), path.basename(plan));
        writeFileSync(copy, out);
        return copy;
      });
      const summarize = (files: string[]) => {
        const r = spawnSync('npx', ['tsx', 'tools/plan-summary/src/bin.ts', '--json', ...files], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
        expect(r.status).toBe(0);
        return JSON.parse(r.stdout).stacks.map((s: { file?: string }) => ({ ...s, file: path.basename(s.file ?? '') }));
      };
      expect(summarize(copies)).toEqual(summarize(plans));
    }

    it('keeps everything plan-summary reports while dropping attribute values (project plans)', () => {
      keepsSummary(PROJECT_PLANS);
    });

    (corpus.present ? it : it.skip)('keeps everything plan-summary reports while dropping attribute values (external corpus)', () => {
      keepsSummary([corpus.dir]);
    });
  });
});

describe('image-tags.sh', () => {
  it('prints a content-addressed tag for every catalog service\'s image, changed or not', () => {
    // deploy:plan wants a clean checkout: use a clone of HEAD that borrows node_modules.
    const dir = mkdtempSync(path.join(tmpdir(), 'image-tags-'));
    git(dir, 'clone', '-q', REPO_ROOT, 'repo');
    const repo = path.join(dir, 'repo');
    writeFileSync(path.join(repo, '.git/info/exclude'), 'node_modules\n');
    execFileSync('ln', ['-s', path.join(REPO_ROOT, 'node_modules'), path.join(repo, 'node_modules')]);
    const r = spawnSync(path.join(repo, '.github/scripts/image-tags.sh'), [], { cwd: repo, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NX_DAEMON: 'false' } });
    expect([r.status, r.stderr.split('\n').filter((l) => l && !l.startsWith('npm warn'))]).toEqual([0, []]);
    const lines = r.stdout.trim().split('\n');
    // One per catalog service, named as infra reads it (imageTagVariable: <NAME>_IMAGE_TAG).
    const services = loadCatalog({ workspaceRoot: REPO_ROOT, environmentNames: ENVIRONMENT_NAMES }).services.map((s) => s.name);
    expect(lines).toEqual(services.map((name) => expect.stringMatching(new RegExp(`^${imageTagVariable(name)}=nx-\\d+$`))));
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe(''); // no ref or file changed
  });
});
