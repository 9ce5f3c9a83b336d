import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { PlatformStack, TERRAFORM_REQUIRED_VERSION } from '../src';
import { ACCOUNT_ID, REGION, type Json } from './support';

const ROOT = path.resolve(__dirname, '../../..');

function synthStack(backend: { type: 'local' } | { type: 's3'; bucket: string; region: string }): Json {
  const stack = new PlatformStack(Testing.app() as App, {
    environment: 'dev',
    stackName: 'network',
    accountId: ACCOUNT_ID,
    region: REGION,
    backend,
    tags: { project: 'fargate-platform', owner: 'platform-team' },
  });
  return JSON.parse(Testing.synth(stack));
}

/** `>= 1.10, < 2.0` against an exact `x.y.z`: the only constraint form the stacks use. */
function satisfies(version: string, constraint: string): boolean {
  const num = (v: string) => v.split('.').map(Number).concat([0, 0, 0]).slice(0, 3);
  const cmp = (a: number[], b: number[]) => a.reduce((acc, x, i) => acc || Math.sign(x - b[i]), 0);
  return constraint.split(',').every((part) => {
    const m = /^\s*(>=|<)\s*([\d.]+)\s*$/.exec(part);
    if (!m) throw new Error(`unsupported constraint ${part}`);
    const c = cmp(num(version), num(m[2]));
    return m[1] === '>=' ? c >= 0 : c < 0;
  });
}

describe('PlatformStack pins Terraform and the AWS provider', () => {
  it.each([{ type: 'local' as const }, { type: 's3' as const, bucket: 'fargate-platform-tfstate-dev-000000000000', region: REGION }])(
    'sets required_version with a %p backend',
    (backend) => {
      expect(synthStack(backend).terraform.required_version).toBe('>= 1.10, < 2.0');
    },
  );

  it('requires the exact provider version @cdktf/provider-aws was generated from', () => {
    const pkg = JSON.parse(readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8'));
    const aws = synthStack({ type: 'local' }).terraform.required_providers.aws;
    expect(aws.version).toMatch(/^\d+\.\d+\.\d+$/); // exact: no range, no drift between plan and apply
    expect(aws.version).toBe(pkg.cdktf.provider.version);
  });

  it('.terraform-version (what CI installs) is an exact version inside the range', () => {
    const pinned = readFileSync(path.join(ROOT, '.terraform-version'), 'utf8').trim();
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(satisfies(pinned, TERRAFORM_REQUIRED_VERSION)).toBe(true);
    // the check refuses what the range excludes
    expect(satisfies('1.9.8', TERRAFORM_REQUIRED_VERSION)).toBe(false);
    expect(satisfies('2.0.0', TERRAFORM_REQUIRED_VERSION)).toBe(false);
  });
});
