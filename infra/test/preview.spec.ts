import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { App } from 'cdktf';
import { ConfigError, loadEnvironment, loadEnvironments, readPreviewEnvironment } from '@platform/infra-config';
import { buildPlatform } from '../platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const REPO = resolve(__dirname, '../..');

/**
 * The contract with .github/workflows/preview.yml and .github/scripts: PREVIEW_ENVIRONMENT=pr-<n>
 * adds stack `pr-<n>-service` (stack-dir.sh), state `pr-<n>/service.tfstate` in dev's bucket
 * (destroy-preview.sh, stale-previews.sh), reading dev's network, registry and data.
 */
describe('a pull request preview (PREVIEW_ENVIRONMENT=pr-123)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'infra-preview-'));
  const app = new App({ outdir });
  buildPlatform(app, loadEnvironments({}), undefined, readPreviewEnvironment({ PREVIEW_ENVIRONMENT: 'pr-123' }));
  app.synth();
  const read = (id: string): Json => JSON.parse(readFileSync(join(outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
  const preview = read('pr-123-service');
  const names = (type: string, field = 'name'): string[] => Object.values(preview.resource[type] ?? {}).map((r) => (r as Json)[field]);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('adds one stack next to the 18 of dev, staging and prod', () => {
    const stacks = readdirSync(join(outdir, 'stacks'));
    expect(stacks).toHaveLength(19);
    expect(stacks).toEqual(expect.arrayContaining(['pr-123-service', 'dev-service']));
  });

  it('keeps its state at pr-123/service.tfstate in dev\'s bucket, and is tagged as dev with its preview name', () => {
    const dev = loadEnvironment('dev', {});
    expect(preview.terraform.backend.s3).toEqual({
      bucket: dev.stateBucketName,
      key: 'pr-123/service.tfstate',
      region: dev.region,
      encrypt: true,
      kms_key_id: `alias/${dev.stateBucketName}-state`,
      use_lockfile: true,
    });
    expect(preview.provider.aws[0].allowed_account_ids).toEqual([dev.accountId]);
    expect(preview.provider.aws[0].default_tags[0].tags).toEqual({
      project: 'fargate-platform',
      owner: 'platform-team',
      env: 'dev',
      stack: 'service',
      preview: 'pr-123',
    });
  });

  it('reads dev\'s network, registry and data stacks and is applied after them', () => {
    const keys = Object.values(preview.data.terraform_remote_state).map((s) => (s as Json).config.key);
    expect(keys.sort()).toEqual(['dev/data.tfstate', 'dev/network.tfstate', 'dev/registry.tfstate']);
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['pr-123-service'].dependencies.sort()).toEqual(['dev-data', 'dev-network', 'dev-registry']);
    const devService = read('dev-service');
    expect(JSON.stringify(devService)).not.toContain('pr-123');
  });

  it('changes no stack of dev: every output it reads is already in dev\'s applied state', () => {
    const plainDir = mkdtempSync(join(tmpdir(), 'infra-no-preview-'));
    try {
      const plain = new App({ outdir: plainDir });
      buildPlatform(plain, loadEnvironments({ ENVIRONMENTS: 'dev' }));
      plain.synth();
      for (const stack of ['dev-network', 'dev-registry', 'dev-data', 'dev-service', 'dev-monitoring']) {
        expect(JSON.parse(readFileSync(join(plainDir, 'stacks', stack, 'cdk.tf.json'), 'utf8'))).toEqual(read(stack));
      }
    } finally {
      rmSync(plainDir, { recursive: true, force: true });
    }
  });

  it('names everything after the pull request and has its own scan queue', () => {
    expect(names('aws_ecs_cluster')).toEqual(['pr-123-cluster']);
    expect(names('aws_ecs_service').sort()).toEqual(['pr-123-api', 'pr-123-worker']);
    expect(names('aws_iam_role').every((n) => n.startsWith('pr-123-'))).toBe(true);
    expect(names('aws_sqs_queue').sort()).toEqual(['pr-123-scan-requests', 'pr-123-scan-requests-dlq']);
    const environment = (container: string): Record<string, string> => {
      const task = Object.values(preview.resource.aws_ecs_task_definition).find((t) => (t as Json).family === `pr-123-${container}`) as Json;
      const [definition] = JSON.parse(task.container_definitions);
      return Object.fromEntries(definition.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
    };
    // dev's tables, the preview's queue: a preview worker never takes dev's scan requests.
    expect(environment('api').TABLE_PREFIX).toBe('dev');
    const taskPolicies = JSON.stringify(preview.resource.aws_iam_role_policy);
    expect(taskPolicies).toMatch(/terraform_remote_state\.cross-stack-reference-input-dev-data/);
    expect(environment('worker').SCAN_QUEUE_URL).toMatch(/\$\{aws_sqs_queue\./);
  });

  it('is disposable: one task each, no deletion protection, a log bucket destroy may empty', () => {
    expect(Object.values(preview.resource.aws_ecs_service).map((s) => (s as Json).desired_count)).toEqual([1, 1]);
    expect(Object.values(preview.resource.aws_appautoscaling_target).map((t) => (t as Json).max_capacity)).toEqual([1, 1]);
    expect(Object.values(preview.resource.aws_lb).map((l) => (l as Json).enable_deletion_protection)).toEqual([false]);
    expect(Object.values(preview.resource.aws_s3_bucket).map((b) => (b as Json).force_destroy)).toEqual([true]);
  });

  it('needs dev among the environments it is built with', () => {
    const lone = new App({ outdir: mkdtempSync(join(tmpdir(), 'infra-preview-lone-')) });
    expect(() => buildPlatform(lone, [loadEnvironment('prod', {})], undefined, readPreviewEnvironment({ PREVIEW_ENVIRONMENT: 'pr-7' }))).toThrow(
      new ConfigError('PREVIEW_ENVIRONMENT=pr-7 copies dev\'s service stack: include dev in ENVIRONMENTS'),
    );
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
