import * as path from 'node:path';
import { fixturesCorpus } from '@platform/cli-support';
import { readPlanFile, summarizePlan, type StackSummary } from '../src';

// Real `terraform show -json` output from public repositories, described (with the expected counts
// below) in the corpus's SOURCES.md. The plan this project makes itself is tested in terraform-show.spec.ts.
const corpus = fixturesCorpus('terraform-plans', 'plan-summary on real plans from public repositories');
const REAL_PLANS = corpus.dir;

async function summarize(name: string): Promise<StackSummary> {
  const file = path.join(REAL_PLANS, name);
  return summarizePlan(await readPlanFile(file, REAL_PLANS), file, name);
}

function counts(s: StackSummary): number[] {
  return [s.create, s.update, s.delete, s.replace, s.noop, s.read];
}

(corpus.present ? describe : describe.skip)('real plans from the external corpus (terraform-plans)', () => {
  // create / update / delete / replace / no-op / read, as in SOURCES.md
  it.each([
    ['terraform-show-json-requires-replace.json', [0, 0, 0, 1, 0, 0]],
    ['terraform-show-json-basic-delete.json', [0, 1, 1, 0, 0, 0]],
    ['terraform-json-action-reason-tainted.json', [0, 0, 0, 1, 0, 0]],
    ['checkov-plan-with-deleted-resources.json', [0, 0, 0, 1, 0, 0]],
    ['checkov-plan-change-keys.json', [0, 2, 0, 0, 0, 0]],
    ['precloud-simple-sqs-stack.json', [1, 1, 1, 0, 0, 0]],
    ['snyk-tf-plan-destroy.json', [0, 0, 8, 0, 0, 0]],
    ['snyk-tf-plan-no-op.json', [0, 0, 0, 0, 8, 0]],
    ['terraform-compliance-issue-522.json', [5, 1, 2, 0, 7, 0]],
    ['infracost-terraform-v0.14-plan.json', [12, 1, 0, 0, 13, 0]],
  ])('%s counts %j', async (name, expected) => {
    expect(counts(await summarize(name))).toEqual(expected);
  });

  it('names the attribute that forces a replacement (requires-replace: ami)', async () => {
    const s = await summarize('terraform-show-json-requires-replace.json');
    expect(s.destructive).toEqual([
      {
        address: 'test_instance.test',
        type: 'test_instance',
        action: 'replace',
        actionReason: 'an attribute cannot be updated in place',
        replacePaths: ['ami'],
        order: 'destroy then create',
      },
    ]);
    expect(s.dangerous).toEqual([]);
  });

  it('recognises the create_before_destroy order ["create","delete"] as a replacement', async () => {
    const s = await summarize('checkov-plan-with-deleted-resources.json');
    expect(s.destructive).toMatchObject([{ address: 'aws_secretsmanager_secret.default', action: 'replace', order: 'create before destroy' }]);
  });

  it('gives the reason of a tainted replacement (format 1.2)', async () => {
    const s = await summarize('terraform-json-action-reason-tainted.json');
    expect(s.formatVersion).toBe('1.2');
    expect(s.destructive).toMatchObject([{ address: 'null_resource.example', actionReason: 'the object is tainted' }]);
  });

  it('flags the deleted SQS queue as dangerous and does not count its drift as a change', async () => {
    const s = await summarize('precloud-simple-sqs-stack.json');
    expect(s.dangerous).toEqual([
      {
        address: 'aws_sqs_queue.test_tf_sqs_2',
        type: 'aws_sqs_queue',
        action: 'delete',
        reason: 'stateful resource type aws_sqs_queue; deleted because it was removed from the configuration',
        replacePaths: [],
      },
    ]);
    expect(s.drift).toEqual([{ address: 'aws_sqs_queue.test_tf_sqs_2', type: 'aws_sqs_queue', action: 'update' }]);
    expect(s.outputs).toEqual([]); // both outputs are no-op
  });

  it('flags only the S3 bucket among the 8 deletes of the destroy plan', async () => {
    const s = await summarize('snyk-tf-plan-destroy.json');
    expect(s.destructive).toHaveLength(8);
    expect(s.dangerous.map((d) => d.address)).toEqual(['aws_s3_bucket.terra_ci']);
  });

  it('has nothing dangerous in the all-no-op plan', async () => {
    const s = await summarize('snyk-tf-plan-no-op.json');
    expect(s.dangerous).toEqual([]);
    expect(s.changed).toEqual([]);
  });

  it('keeps count-indexed delete addresses and rebuilds drift addresses Terraform 1.0 left out', async () => {
    const s = await summarize('terraform-compliance-issue-522.json');
    expect(s.destructive.map((d) => d.address)).toEqual(
      expect.arrayContaining(['aws_cloudwatch_event_rule.Metricos_custom_alert_schedule_frequent[0]']),
    );
    expect(s.drift).toHaveLength(15);
    expect(s.drift[0]).toEqual({ address: 'aws_cloudwatch_event_rule.metrics_schedule', type: 'aws_cloudwatch_event_rule', action: 'update' });
    expect(s.outputs).toEqual([{ name: 'lambda_function_arn', action: 'update', sensitive: false }]);
  });

  it('does not flag an in-place update of a stateful aws_db_instance nested three modules deep', async () => {
    const s = await summarize('infracost-terraform-v0.14-plan.json');
    expect(s.dangerous).toEqual([]);
    expect(s.changed).toContainEqual({ address: 'module.db.module.db_1.module.db_instance.aws_db_instance.this[0]', kind: 'update' });
  });
});
