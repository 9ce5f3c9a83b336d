import { ENVIRONMENT_NAMES } from '@platform/infra-config';
import { loadCatalog } from '@platform/service-catalog';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { MONITORING_STACK, SHARED_STACK_NAMES, serviceStackName } from '@platform/infra-config';
import { PlatformStack } from '@platform/infra-modules';
import { findPluginMirror, mirrorCliConfig, mirrorVersions } from '../src/plugin-mirror';
import { runValidate } from '../src/run';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** A tiny synthesized app: one stack with one queue, optionally with an attribute the provider does not have. */
function synthTiny(broken = false): string {
  const out = mkdtempSync(path.join(tmpdir(), 'tiny-cdktf-out-'));
  const app = new App({ outdir: out });
  const stack = new PlatformStack(app, { environment: 'dev', stackName: 'tiny', accountId: '111111111111', region: 'eu-west-1', backend: { type: 'local' }, tags: { project: 'p', owner: 'o' } });
  const queue = new SqsQueue(stack, 'queue', { name: 'dev-tiny' });
  if (broken) queue.addOverride('visibility_timeout_minutes', 5);
  app.synth();
  return out;
}

describe('finding a provider mirror', () => {
  const mirror = mkdtempSync(path.join(tmpdir(), 'mirror-'));
  mkdirSync(path.join(mirror, 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64'), { recursive: true });
  writeFileSync(path.join(mirror, 'registry.terraform.io/hashicorp/aws/terraform-provider-aws_6.25.0_linux_amd64.zip'), '');

  it('reads TF_PLUGIN_MIRROR, else the filesystem_mirror of TF_CLI_CONFIG_FILE', () => {
    expect(findPluginMirror({ TF_PLUGIN_MIRROR: mirror })).toBe(mirror);
    const config = path.join(mirror, '..', `rc-${path.basename(mirror)}`);
    writeFileSync(config, mirrorCliConfig(mirror));
    expect(findPluginMirror({ TF_CLI_CONFIG_FILE: config })).toBe(mirror);
    expect(findPluginMirror({ TF_PLUGIN_MIRROR: path.join(mirror, 'missing') })).toBeUndefined();
    expect(findPluginMirror({})).toBeUndefined();
  });

  it('lists unpacked and packed versions of the AWS provider', () => {
    expect(mirrorVersions(mirror)).toEqual(['5.100.0', '6.25.0']);
  });
});

describe('terraform-validate', () => {
  it('says in one line why it is skipped without a Terraform CLI', () => {
    const result = runValidate({ out: synthTiny(), env: { PATH: '/nonexistent' } });
    expect(result).toEqual({ skipped: 'no terraform CLI on PATH' });
    expect(() => runValidate({ out: synthTiny(), env: { PATH: '/nonexistent' }, require: true })).toThrow('no terraform CLI on PATH');
  });

  const mirror = findPluginMirror(process.env);
  const real = runValidate({ out: synthTiny(), env: { ...process.env, TF_PLUGIN_MIRROR: mirror ?? '' } });
  if ('skipped' in real) {
    it('runs terraform for real (skipped here)', () => {
      process.stdout.write(`terraform-validate test: skipped: ${real.skipped}\n`);
      expect(real.skipped).toMatch(/no terraform CLI|no provider mirror|has no hashicorp\/aws/);
    });
  } else {
    it('validates a tiny synthesized stack with the mirror, relaxing the provider pin when needed', () => {
      expect(real.results.map((r) => [r.stack, r.ok])).toEqual([['dev-tiny', true]]);
      expect(real.results[0].lines.filter((l) => !l.startsWith('note: provider aws'))).toEqual([]);
    });

    it('fails a stack with an argument the provider does not have, the pinned one neither', () => {
      const broken = runValidate({ out: synthTiny(true), env: { ...process.env, TF_PLUGIN_MIRROR: mirror } });
      expect('results' in broken && broken.results[0].ok).toBe(false);
      expect('results' in broken && broken.results[0].lines).toContainEqual(
        expect.stringMatching(/^error: (Unsupported argument|Extraneous JSON object property): .*"visibility_timeout_minutes".* \(resource\.aws_sqs_queue\.queue\)$/),
      );
    });

    it('validates every stack of the repository synth (every environment, every catalog service)', () => {
      const out = mkdtempSync(path.join(tmpdir(), 'repo-cdktf-out-'));
      const synth = spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['--tsconfig', 'infra/tsconfig.json', 'infra/main.ts'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        // the whole app, as npm run synth builds it, without a deploy's checks or narrowing
        env: Object.fromEntries(
          Object.entries({ ...process.env, CDKTF_OUTDIR: out, CHECKPOINT_DISABLE: '1' }).filter(
            ([k]) => !['SYNTH_FOR_DEPLOY', 'DEPLOY_ENVIRONMENT', 'ENVIRONMENTS', 'STACKS', 'PREVIEW_ENVIRONMENT'].includes(k),
          ),
        ),
      });
      expect([synth.status, synth.stderr]).toEqual([0, expect.any(String)]);
      const stacks = Object.keys(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).stacks).sort();
      const services = loadCatalog({ workspaceRoot: REPO_ROOT, environmentNames: ENVIRONMENT_NAMES }).services.map((service) => service.name);
      for (const env of ['dev', 'staging', 'prod']) {
        for (const stack of [...SHARED_STACK_NAMES, MONITORING_STACK, ...services.map(serviceStackName)]) expect(stacks).toContain(`${env}-${stack}`);
      }
      const result = runValidate({ out, env: { ...process.env, TF_PLUGIN_MIRROR: mirror } });
      if (!('results' in result)) throw new Error(`skipped: ${result.skipped}`);
      process.stdout.write(`terraform-validate test: ${result.results.length} stacks validated with terraform\n`);
      expect(result.results.map((r) => r.stack)).toEqual(stacks);
      expect(result.results.filter((r) => !r.ok).map((r) => `${r.stack}: ${r.lines.join('; ')}`)).toEqual([]);
      // what the mirror's provider could not check is named, never silently passed
      for (const r of result.results) expect(r.lines.filter((l) => !/^(note|unchecked|warning): /.test(l))).toEqual([]);
    }, 600_000);
  }
});
