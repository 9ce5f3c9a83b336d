import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App } from 'cdktf';
import { ConfigError, loadEnvironment, readPreviewEnvironment, stackNames } from '@platform/infra-config';
import { buildPlatform } from '../platform';
import { containerOf, environmentOf, Json, REPO, synthPlatform, workspaceCatalog } from './synth-platform';

/**
 * The contract with .github/workflows/preview.yml and .github/scripts: PREVIEW_ENVIRONMENT=pr-<n>
 * adds stacks `pr-<n>-edge` and `pr-<n>-svc-<name>` per catalog service (stack-dir.sh), state
 * `pr-<n>/<stack>.tfstate` in dev's bucket (destroy-preview.sh, stale-previews.sh), reading dev's
 * network, registry and data.
 */
describe('a pull request preview (PREVIEW_ENVIRONMENT=pr-123)', () => {
  const synth = synthPlatform({ PREVIEW_ENVIRONMENT: 'pr-123' });
  const { read } = synth;
  const services = synth.catalog.services.map((s) => s.name);
  const previewStacks = ['edge', ...services.map((s) => `svc-${s}`)];
  const all = (type: string, field = 'name'): string[] =>
    previewStacks.flatMap((stack) => Object.values(read(`pr-123-${stack}`).resource[type] ?? {}).map((r) => (r as Json)[field]));
  afterAll(() => synth.cleanup());

  it("adds an edge stack and one stack per service next to dev's, staging's and prod's", () => {
    const stacks = readdirSync(join(synth.outdir, 'stacks'));
    expect(stacks).toHaveLength(3 * stackNames(services).length + previewStacks.length);
    expect(stacks).toEqual(expect.arrayContaining(previewStacks.map((s) => `pr-123-${s}`)));
  });

  it("keeps each state at pr-123/<stack>.tfstate in dev's bucket, and is tagged as dev with its preview name", () => {
    const dev = loadEnvironment('dev', {});
    for (const stack of previewStacks) {
      const json = read(`pr-123-${stack}`);
      expect(json.terraform.backend.s3).toEqual({
        bucket: dev.stateBucketName,
        key: `pr-123/${stack}.tfstate`,
        region: dev.region,
        encrypt: true,
        kms_key_id: `alias/${dev.stateBucketName}-state`,
        use_lockfile: true,
      });
      expect(json.provider.aws[0].allowed_account_ids).toEqual([dev.accountId]);
      expect(json.provider.aws[0].default_tags[0].tags).toEqual({ project: 'fargate-platform', owner: 'platform-team', env: 'dev', stack, preview: 'pr-123' });
    }
  });

  it("reads dev's network, registry and data stacks and its own edge, and is applied after them", () => {
    const manifest = synth.manifest();
    expect(manifest.stacks['pr-123-edge'].dependencies).toEqual(['dev-network']);
    for (const service of services) {
      const keys = Object.values(read(`pr-123-svc-${service}`).data.terraform_remote_state).map((s) => (s as Json).config.key);
      expect(keys.sort()).toEqual(['dev/data.tfstate', 'dev/network.tfstate', 'dev/registry.tfstate', 'pr-123/edge.tfstate']);
      expect(manifest.stacks[`pr-123-svc-${service}`].dependencies.sort()).toEqual(['dev-data', 'dev-network', 'dev-registry', 'pr-123-edge']);
    }
    for (const stack of stackNames(services)) expect(JSON.stringify(read(`dev-${stack}`))).not.toContain('pr-123');
  });

  it("changes no stack of dev: every output it reads is already in dev's applied state", () => {
    const plain = synthPlatform({ ENVIRONMENTS: 'dev' });
    try {
      for (const stack of stackNames(services)) expect(plain.read(`dev-${stack}`)).toEqual(read(`dev-${stack}`));
    } finally {
      plain.cleanup();
    }
  });

  it("names everything after the pull request, uses dev's tables and has queues of its own", () => {
    expect(all('aws_ecs_cluster')).toEqual(['pr-123-cluster']);
    const longRunning = synth.catalog.services.filter((s) => s.kind !== 'scheduled').map((s) => `pr-123-${s.name}`);
    expect(all('aws_ecs_service').sort()).toEqual(longRunning.sort());
    expect(all('aws_iam_role').every((n) => n.startsWith('pr-123-'))).toBe(true);
    expect(all('aws_sqs_queue')).toEqual(expect.arrayContaining(['pr-123-scan-requests', 'pr-123-scan-requests-dlq']));
    // dev's tables, the preview's queue: a preview worker never takes dev's scan requests.
    const api = environmentOf(containerOf(read('pr-123-svc-api'), 'pr-123-api'));
    expect(api.TABLE_PREFIX).toBe('dev');
    expect(api.SCAN_QUEUE_URL).toContain('cross-stack-reference-input-pr-123-edge');
    expect(JSON.stringify(read('pr-123-svc-worker').resource.aws_iam_role_policy)).toMatch(/terraform_remote_state\.cross-stack-reference-input-dev-data/);
  });

  it('is disposable: one task each, no deletion protection, a log bucket destroy may empty', () => {
    expect(all('aws_ecs_service', 'desired_count').every((count) => (count as unknown) === 1)).toBe(true);
    expect(all('aws_appautoscaling_target', 'max_capacity').every((count) => (count as unknown) === 1)).toBe(true);
    expect(all('aws_lb', 'enable_deletion_protection')).toEqual([false]);
    expect(all('aws_s3_bucket', 'force_destroy')).toEqual([true]);
  });

  it('needs dev among the environments it is built with', () => {
    const lone = new App({ outdir: mkdtempSync(join(tmpdir(), 'infra-preview-lone-')) });
    const inputs = { environments: [loadEnvironment('prod', {})], catalog: workspaceCatalog(), preview: readPreviewEnvironment({ PREVIEW_ENVIRONMENT: 'pr-7' }) };
    expect(() => buildPlatform(lone, inputs)).toThrow(new ConfigError("PREVIEW_ENVIRONMENT=pr-7 copies dev's edge and service stacks: include dev in ENVIRONMENTS"));
    rmSync(lone.outdir, { recursive: true, force: true });
  });
});

describe('infra/main.ts with a bad PREVIEW_ENVIRONMENT', () => {
  it('exits 1 with one clear line and writes no stacks', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'infra-preview-bad-'));
    try {
      const run = promisify(execFile)('npx', ['tsx', '--tsconfig', 'infra/tsconfig.json', 'infra/main.ts'], {
        cwd: REPO,
        env: { ...process.env, PREVIEW_ENVIRONMENT: 'feature/login', CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
      });
      await expect(run).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('infra: PREVIEW_ENVIRONMENT must be "pr-<pull request number>" such as "pr-123"'),
      });
      await run.catch((error: { stderr: string }) => expect(error.stderr).not.toMatch(/\n\s+at /));
      expect(readdirSync(outdir)).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});
