import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveStackSelection, serviceStackName, stackNames } from '@platform/infra-config';
import { Json, REPO, synthPlatform } from './synth-platform';

const ENVS = ['dev', 'staging', 'prod'];

describe('the whole CDKTF app', () => {
  const synth = synthPlatform();
  const { read, catalog } = synth;
  const services = catalog.services.map((s) => s.name);
  const stacks = stackNames(services);
  afterAll(() => synth.cleanup());

  it('synthesizes the shared stacks, one stack per catalog service and monitoring, per environment', () => {
    expect(stacks).toEqual(['state', 'network', 'registry', 'data', 'edge', ...services.map(serviceStackName), 'monitoring']);
    const expected = ENVS.flatMap((env) => stacks.map((stack) => `${env}-${stack}`));
    expect(readdirSync(join(synth.outdir, 'stacks')).sort()).toEqual(expected.sort());
  });

  it('resolves every cross-stack reference to an output of the producing stack', () => {
    for (const env of ENVS) {
      for (const consumer of ['edge', ...services.map(serviceStackName), 'monitoring']) {
        const json = read(`${env}-${consumer}`);
        const remote = json.data.terraform_remote_state as Record<string, Json>;
        const text = JSON.stringify([json.resource, json.output ?? {}]);
        const references = [...text.matchAll(/data\.terraform_remote_state\.([\w-]+)\.outputs\.([\w-]+)/g)];
        expect(references.length).toBeGreaterThan(0);
        for (const [, stateId, outputId] of references) {
          const state = remote[stateId];
          expect(state.backend).toBe('s3');
          const producer = read(state.config.key.replace('/', '-').replace('.tfstate', ''));
          expect(producer.output[outputId]).toBeDefined();
        }
      }
    }
  });

  it('orders stacks: edge after network, each service after network, registry, data and edge, monitoring after edge and data', () => {
    const manifest = synth.manifest();
    expect(manifest.stacks['prod-edge'].dependencies).toEqual(['prod-network']);
    for (const service of services) {
      expect(manifest.stacks[`prod-svc-${service}`].dependencies.sort()).toEqual(['prod-data', 'prod-edge', 'prod-network', 'prod-registry']);
    }
    expect(manifest.stacks['prod-monitoring'].dependencies.sort()).toEqual(['prod-data', 'prod-edge']);
  });

  it('gives every catalog service an ECR repository, and nothing else', () => {
    const repositories = Object.values(read('dev-registry').resource.aws_ecr_repository).map((r) => (r as Json).name);
    expect(repositories.sort()).toEqual(services.map((s) => `fargate-platform/${s}`).sort());
  });

  it('encrypts every state with the key the state stack creates (not the S3 default)', () => {
    for (const env of ENVS) {
      const aliases = Object.values(read(`${env}-state`).resource.aws_kms_alias).map((a) => (a as Json).name);
      for (const stack of stacks) expect(aliases).toContain(read(`${env}-${stack}`).terraform.backend.s3.kms_key_id);
    }
  });

  it('alarms every service in its own stack, and links every alarm to a runbook section in docs/operations.md', () => {
    const runbook = readFileSync(join(REPO, 'docs/operations.md'), 'utf8');
    for (const env of ENVS) {
      for (const stack of [...services.map(serviceStackName), 'monitoring']) {
        const alarms = Object.values(read(`${env}-${stack}`).resource.aws_cloudwatch_metric_alarm ?? {}) as Json[];
        expect(alarms.length).toBeGreaterThan(0);
        for (const alarm of alarms) {
          const anchor = /Runbook: docs\/operations\.md#(alarm-[a-z0-9-]+)$/.exec(alarm.alarm_description)?.[1];
          expect(anchor).toBeDefined();
          expect(runbook).toContain(`<a id="${anchor}"></a>`);
        }
      }
    }
  });

  it('tags every resource with project, env, stack and owner through the provider default_tags', () => {
    for (const env of ENVS) {
      for (const stack of stacks) {
        for (const provider of read(`${env}-${stack}`).provider.aws as Json[]) {
          expect(provider.default_tags).toEqual([{ tags: { project: 'fargate-platform', env, stack, owner: 'platform-team' } }]);
        }
      }
    }
  });

  it('never deploys a latest image and keeps every state under <env>/<stack>.tfstate', () => {
    for (const env of ENVS) {
      for (const stack of stacks) {
        const json = read(`${env}-${stack}`);
        expect(json.terraform.backend.s3).toMatchObject({ key: `${env}/${stack}.tfstate`, encrypt: true, use_lockfile: true });
        expect(JSON.stringify(json)).not.toMatch(/:latest\b/);
      }
    }
  });
});

describe('resolveStackSelection', () => {
  const services = ['api', 'worker'];

  it('adds the stacks a selected stack reads from', () => {
    expect([...resolveStackSelection('monitoring', services)].sort()).toEqual(['data', 'edge', 'monitoring', 'network']);
    expect([...resolveStackSelection('svc-api', services)].sort()).toEqual(['data', 'edge', 'network', 'registry', 'svc-api']);
    expect([...resolveStackSelection('svc', services)].sort()).toEqual(['data', 'edge', 'network', 'registry', 'svc-api', 'svc-worker']);
    expect([...resolveStackSelection('network', services)]).toEqual(['network']);
    expect(resolveStackSelection(undefined, services).size).toBe(8);
  });

  it('rejects unknown stack names, listing the known ones', () => {
    expect(() => resolveStackSelection('svc-mailer', services)).toThrow(
      'STACKS names unknown stack "svc-mailer" (known: state, network, registry, data, edge, svc-api, svc-worker, monitoring, or svc for every service)',
    );
  });
});
