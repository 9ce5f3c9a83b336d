import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { loadEnvironments } from '@platform/infra-config';
import { buildPlatform, resolveStackSelection, STACK_NAMES } from '../platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe('the whole CDKTF app', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'infra-app-'));
  const app = new App({ outdir });
  buildPlatform(app, loadEnvironments({}));
  app.synth();
  const read = (id: string): Json => JSON.parse(readFileSync(join(outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('synthesizes every stack of every environment', () => {
    const expected = ['dev', 'staging', 'prod'].flatMap((env) => STACK_NAMES.map((stack) => `${env}-${stack}`));
    expect(readdirSync(join(outdir, 'stacks')).sort()).toEqual(expected.sort());
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.stacks)).toHaveLength(18);
  });

  it('resolves every cross-stack reference to an output of the producing stack', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      for (const consumer of ['service', 'monitoring']) {
        const json = read(`${env}-${consumer}`);
        const remote = json.data.terraform_remote_state as Record<string, Json>;
        const text = JSON.stringify(json.resource);
        const references = [...text.matchAll(/data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)/g)];
        expect(references.length).toBeGreaterThan(0);
        for (const [, stateId, outputId] of references) {
          const state = remote[stateId];
          expect(state).toBeDefined();
          expect(state.backend).toBe('s3');
          const producer = read(state.config.key.replace('/', '-').replace('.tfstate', ''));
          expect(producer.output[outputId]).toBeDefined();
        }
      }
    }
  });

  it('orders stacks: service depends on network, registry and data; monitoring on data and service', () => {
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
    expect(manifest.stacks['prod-service'].dependencies.sort()).toEqual(['prod-data', 'prod-network', 'prod-registry']);
    expect(manifest.stacks['prod-monitoring'].dependencies.sort()).toEqual(['prod-data', 'prod-service']);
  });

  it('encrypts every state with the key the state stack creates (not the S3 default)', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      const aliases = Object.values(read(`${env}-state`).resource.aws_kms_alias).map((a) => (a as Json).name);
      for (const stack of STACK_NAMES) {
        const backend = read(`${env}-${stack}`).terraform.backend.s3;
        expect(aliases).toContain(backend.kms_key_id);
      }
    }
  });

  it('links every alarm to a runbook section that exists in docs/operations.md', () => {
    const runbook = readFileSync(join(__dirname, '../../docs/operations.md'), 'utf8');
    for (const env of ['dev', 'staging', 'prod']) {
      const alarms = Object.values(read(`${env}-monitoring`).resource.aws_cloudwatch_metric_alarm) as Json[];
      expect(alarms.length).toBeGreaterThan(0);
      for (const alarm of alarms) {
        const anchor = /Runbook: docs\/operations\.md#(alarm-[a-z0-9-]+)$/.exec(alarm.alarm_description)?.[1];
        expect(anchor).toBeDefined();
        expect(runbook).toContain(`<a id="${anchor}"></a>`);
      }
    }
  });

  it('tags every resource with project, env, stack and owner through the provider default_tags', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      for (const stack of STACK_NAMES) {
        const providers = read(`${env}-${stack}`).provider.aws as Json[];
        expect(providers.length).toBeGreaterThan(0);
        for (const provider of providers) {
          expect(provider.default_tags).toEqual([{ tags: { project: 'fargate-platform', env, stack, owner: 'platform-team' } }]);
        }
      }
    }
  });

  it('never deploys a latest image and keeps every state under <env>/<stack>.tfstate', () => {
    for (const env of ['dev', 'staging', 'prod']) {
      for (const stack of STACK_NAMES) {
        const json = read(`${env}-${stack}`);
        expect(json.terraform.backend.s3).toMatchObject({ key: `${env}/${stack}.tfstate`, encrypt: true, use_lockfile: true });
        expect(JSON.stringify(json)).not.toMatch(/:latest\b/);
      }
    }
  });
});

describe('resolveStackSelection', () => {
  it('adds the stacks a selected stack reads from', () => {
    expect([...resolveStackSelection('monitoring')].sort()).toEqual(['data', 'monitoring', 'network', 'registry', 'service']);
    expect([...resolveStackSelection('network')]).toEqual(['network']);
    expect(resolveStackSelection(undefined).size).toBe(STACK_NAMES.length);
  });

  it('rejects unknown stack names', () => {
    expect(() => resolveStackSelection('dns')).toThrow(/unknown stack "dns"/);
  });
});
