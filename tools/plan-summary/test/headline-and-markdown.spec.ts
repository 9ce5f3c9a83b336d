import * as path from 'node:path';
import { COMMENT_MARKER, headline, readPlanFile, renderMarkdown, stackNameFromFile, summarizePlan, type StackSummary } from '../src';
import { MAX_COMMENT_CHARS } from '../src/render-markdown';

const FIXTURES = path.join(__dirname, 'fixtures');

async function summarize(name: string): Promise<StackSummary> {
  return summarizePlan(await readPlanFile(name, FIXTURES), name, stackNameFromFile(name));
}

describe('headline', () => {
  it('says what happens and names the dangerous resources', async () => {
    expect(headline(await summarize('prod-data.json'))).toBe(
      'prod/data: 1 to create, 1 to update, 2 to replace, 1 to read (DANGER: aws_dynamodb_table.scans, aws_sqs_queue.scans_dlq); 1 drifted outside Terraform',
    );
  });

  it('matches the documented example for a single stateful replacement', async () => {
    const s = await summarize('prod-data.json');
    const single: StackSummary = { ...s, create: 0, update: 0, read: 0, replace: 1, dangerous: [s.dangerous[0]], drift: [] };
    expect(headline(single)).toBe('prod/data: 1 to replace (DANGER: aws_dynamodb_table.scans)');
  });

  it('says "no changes" for an empty plan', async () => {
    expect(headline(await summarize('dev-network.json'))).toBe('dev/network: no changes');
  });
});

describe('renderMarkdown', () => {
  it('starts with the marker, puts dangers first, then a headline per stack, then collapsed details', async () => {
    const md = renderMarkdown([await summarize('dev-service.json'), await summarize('prod-data.json')]);
    const lines = md.split('\n');
    expect(lines[0]).toBe(COMMENT_MARKER);
    const caution = lines.indexOf('> [!CAUTION]');
    const firstHeadline = lines.findIndex((l) => l.startsWith('- dev/service: '));
    const firstDetails = lines.indexOf('<details>');
    expect(caution).toBeGreaterThan(0);
    expect(caution).toBeLessThan(firstHeadline);
    expect(firstHeadline).toBeLessThan(firstDetails);
    expect(md).toContain('> **2 stateful resources would be deleted or replaced.**');
    expect(md).toContain('> - prod/data: **replace** `aws_dynamodb_table.scans`: stateful resource type aws_dynamodb_table; replacement forced by hash_key');
    expect(md.match(/<details>/g)).toHaveLength(2);
    expect(md.match(/<\/details>/g)).toHaveLength(2);
  });

  it('shows forcing attributes, drift and output changes in the details', async () => {
    const md = renderMarkdown([await summarize('prod-data.json')]);
    expect(md).toContain('| replace (destroy then create) **DANGER** | `aws_dynamodb_table.scans` | forced by `hash_key`; an attribute cannot be updated in place |');
    expect(md).toContain('| replace (create before destroy) **DANGER** | `aws_sqs_queue.scans_dlq` |');
    expect(md).toContain('Drift: 1 resource changed outside Terraform (not counted above).');
    expect(md).toContain('- update `service_api_key` (sensitive)');
  });

  it('has no caution block when nothing dangerous is planned', async () => {
    const md = renderMarkdown([await summarize('dev-service.json')]);
    expect(md).not.toContain('[!CAUTION]');
    expect(md).toContain('- dev/service: 1 to create, 1 to update, 1 to delete, 1 to replace, 1 to forget');
  });

  it('escapes HTML and table pipes coming from plan contents', async () => {
    const s = await summarize('dev-service.json');
    const hostile: StackSummary = {
      ...s,
      stack: 'dev/<img src=x>',
      destructive: [{ address: 'aws_iam_role.x["a|b"]', type: 'aws_iam_role', action: 'delete', replacePaths: [] }],
    };
    const md = renderMarkdown([hostile]);
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img src=x&gt;');
    expect(md).toContain('`aws_iam_role.x["a\\|b"]`');
  });

  it('stays under the GitHub comment limit for a very large plan, keeping every danger', async () => {
    const s = await summarize('prod-data.json');
    const changed = Array.from({ length: 5000 }, (_, i) => ({ address: `aws_ssm_parameter.p${i}`, kind: 'create' as const }));
    const drift = Array.from({ length: 3000 }, (_, i) => ({ address: `aws_ssm_parameter.d${i}`, type: 'aws_ssm_parameter', action: 'update' as const }));
    const stacks = Array.from({ length: 12 }, (_, i) => ({ ...s, stack: `env${i}/data`, create: 5000, changed, drift }));
    const md = renderMarkdown(stacks);
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(md.match(/\*\*replace\*\* `aws_dynamodb_table.scans`/g)).toHaveLength(12);
  });
});

describe('renderMarkdown with many stacks', () => {
  it('falls back to dangers and headlines only, still under the limit', async () => {
    const s = await summarize('staging-legacy.json');
    const destructive = Array.from({ length: 200 }, (_, i) => ({ address: `aws_iam_role.r${i}`, type: 'aws_iam_role', action: 'delete' as const, replacePaths: [] }));
    const stacks = Array.from({ length: 60 }, (_, i) => ({ ...s, stack: `pr-${i}/service`, destructive }));
    const md = renderMarkdown(stacks);
    expect(md.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(md).not.toContain('<details>');
    expect(md).toContain('- pr-59/service: 1 to update, 5 to delete (DANGER: ');
  });
});
