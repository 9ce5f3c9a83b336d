import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { App, TerraformStack } from 'cdktf';
import { checkStacks } from '../src/check-stacks';
import { loadStacks } from '../src/load-stacks';
import { ruleById } from '../src/rules';
import { stackNamed } from './helpers/stack-builder';

const versioningRule = [ruleById('CKV_AWS_21')];
const backendRule = [ruleById('PLAT_TF_S3_BACKEND')];

describe('checkStacks', () => {
  it('reports rule id, stack, environment, address, construct path, what and fix', () => {
    const report = checkStacks([stackNamed('prod-data').resource('aws_s3_bucket', 'logs', { bucket: 'logs' }).build()], versioningRule);
    expect(report.violations).toEqual([
      expect.objectContaining({
        ruleId: 'CKV_AWS_21',
        stack: 'prod-data',
        environment: 'prod',
        address: 'aws_s3_bucket.logs',
        constructPath: 'prod-data/logs',
        message: 'bucket has no versioning configuration',
        remediation: expect.stringContaining('aws_s3_bucket_versioning'),
        references: { checkov: ['CKV_AWS_21'], trivy: ['AVD-AWS-0090'] },
      }),
    ]);
    expect(report).toMatchObject({ stacks: ['prod-data'], rules: 1, exempted: [], warnings: [] });
  });

  it('moves a finding with a written reason to exempted, and still lists it', () => {
    const stack = stackNamed()
      .resource('aws_s3_bucket', 'logs', { bucket: 'logs' })
      .exempt('aws_s3_bucket', 'logs', 'CKV_AWS_21', 'access logs expire after 90 days; versions add cost, not recovery')
      .build();
    const report = checkStacks([stack], versioningRule);
    expect(report.violations).toEqual([]);
    expect(report.exempted).toEqual([
      expect.objectContaining({ ruleId: 'CKV_AWS_21', address: 'aws_s3_bucket.logs', reason: 'access logs expire after 90 days; versions add cost, not recovery' }),
    ]);
  });

  it('ignores an exemption without a reason, and says so', () => {
    const stack = stackNamed().resource('aws_s3_bucket', 'logs', { bucket: 'logs' }).exempt('aws_s3_bucket', 'logs', 'CKV_AWS_21', '  ').build();
    const report = checkStacks([stack], versioningRule);
    expect(report.exempted).toEqual([]);
    expect(report.violations.map((v) => v.message)).toEqual(['bucket has no versioning configuration (exemption ignored: it gives no reason)']);
  });

  it('warns about exemptions for unknown rules and exemptions that match nothing', () => {
    const stack = stackNamed()
      .resource('aws_s3_bucket', 'logs', { bucket: 'logs', versioning: { enabled: true } })
      .exempt('aws_s3_bucket', 'logs', 'CKV_AWS_21', 'no longer needed')
      .exempt('aws_s3_bucket', 'logs', 'CKV_AWS_9999', 'typo')
      .build();
    expect(checkStacks([stack], versioningRule).warnings).toEqual([
      'dev-test aws_s3_bucket.logs: exemption for CKV_AWS_21 matches no finding; remove it',
      'dev-test aws_s3_bucket.logs: policyExemptions names unknown rule CKV_AWS_9999',
    ]);
  });

  it('exempts stack-level findings through the stack\'s own policyExemptions', () => {
    const stack = stackNamed('state').localBackend().exemptStack('PLAT_TF_S3_BACKEND', 'bootstraps the state bucket, then migrates').build();
    expect(checkStacks([stack], backendRule)).toMatchObject({ violations: [], exempted: [{ address: 'terraform.backend', reason: 'bootstraps the state bucket, then migrates' }] });
  });

  it('reads exemptions written with cdktf addOverride from a real synth', async () => {
    const outdir = mkdtempSync(path.join(os.tmpdir(), 'policy-check-synth-'));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'dev-logs');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      const bucket = new S3Bucket(stack, 'logs', { bucket: 'logs' });
      bucket.addOverride('//.policyExemptions.CKV_AWS_21', 'short-lived access logs');
      stack.addOverride('//.policyExemptions.PLAT_TF_S3_BACKEND', 'test stack with local state');
      app.synth();
      const report = checkStacks(await loadStacks([outdir]), [...versioningRule, ...backendRule]);
      expect(report.violations).toEqual([]);
      expect(report.exempted.map((e) => `${e.ruleId} ${e.address} ${e.constructPath ?? ''}: ${e.reason}`)).toEqual([
        'CKV_AWS_21 aws_s3_bucket.logs dev-logs/logs: short-lived access logs',
        'PLAT_TF_S3_BACKEND terraform.backend : test stack with local state',
      ]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
