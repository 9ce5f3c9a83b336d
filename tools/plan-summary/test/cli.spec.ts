import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CliError, EXIT_BAD_INPUT, EXIT_DANGEROUS_CHANGE, main, summarizeCommand } from '../src';

const FIXTURES = path.join(__dirname, 'fixtures');
const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Runs the command, capturing what it writes. */
async function run(files: string[], flags: { json?: boolean; failOnDestroy?: boolean } = {}) {
  let out = '';
  try {
    await summarizeCommand({ files, cwd: FIXTURES, write: (t) => (out += t), ...flags });
    return { out, error: undefined as CliError | undefined };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    return { out, error: err };
  }
}

describe('summarizeCommand', () => {
  it('prints the --json shape with one entry per stack', async () => {
    const { out, error } = await run(['prod-data.json', 'dev-service.json'], { json: true });
    expect(error).toBeUndefined();
    const doc = JSON.parse(out);
    expect(doc.stacks.map((s: { stack: string }) => s.stack)).toEqual(['prod/data', 'dev/service']);
    expect(doc.stacks[0]).toMatchObject({
      file: 'prod-data.json',
      stack: 'prod/data',
      create: 1,
      update: 1,
      delete: 0,
      replace: 2,
      read: 1,
      noop: 1,
      dangerous: [
        { address: 'aws_dynamodb_table.scans', type: 'aws_dynamodb_table', action: 'replace', reason: expect.stringContaining('hash_key') },
        { address: 'aws_sqs_queue.scans_dlq', type: 'aws_sqs_queue', action: 'replace' },
      ],
      drift: [{ address: 'aws_dynamodb_table.scans', action: 'update' }],
      outputs: expect.arrayContaining([{ name: 'dlq_url', action: 'create', sensitive: false }]),
    });
  });

  it('--fail-on-destroy prints the summary, then fails with exit code 2 naming the dangers', async () => {
    const { out, error } = await run(['prod-data.json'], { failOnDestroy: true });
    expect(out).toContain('prod/data: ');
    expect(error?.exitCode).toBe(EXIT_DANGEROUS_CHANGE);
    expect(error?.message).toBe(
      'dangerous changes planned (--fail-on-destroy): prod/data: replace aws_dynamodb_table.scans; prod/data: replace aws_sqs_queue.scans_dlq',
    );
  });

  it('--fail-on-destroy passes when only stateless resources are deleted or replaced', async () => {
    const { error } = await run(['dev-service.json', 'dev-network.json'], { failOnDestroy: true });
    expect(error).toBeUndefined();
  });

  it.each([
    ['missing.json', 'missing.json: no such file'],
    ['bad', 'bad: is a directory'],
    ['bad/truncated.json', 'bad/truncated.json: malformed JSON ('],
    ['bad/array.json', 'bad/array.json: not a Terraform plan: expected a JSON object'],
    ['bad/state.json', 'bad/state.json: not a Terraform plan: it has neither "planned_values" nor "resource_changes" (a state file?)'],
    ['bad/format-v2.json', 'bad/format-v2.json: unsupported plan format_version "2.0"'],
    ['bad/unknown-action.json', 'bad/unknown-action.json: not a valid Terraform plan: resource_changes.0.change.actions.0 must be equal to one of the allowed values'],
    ['bad/impossible-actions.json', 'bad/impossible-actions.json: not a valid Terraform plan: aws_s3_bucket.x has actions ["update","delete"]'],
  ])('rejects %s with a message naming the file', async (file, message) => {
    const { out, error } = await run(['dev-network.json', file]);
    expect(out).toBe(''); // nothing half-printed
    expect(error?.exitCode).toBe(EXIT_BAD_INPUT);
    expect(error?.message.startsWith(message)).toBe(true);
    expect(error?.message).not.toContain('\n');
  });

  it('rejects two plans for the same stack', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-summary-'));
    writeFileSync(path.join(dir, 'dev-network.json'), JSON.stringify({ format_version: '1.2', planned_values: {} }));
    const { error } = await run(['dev-network.json', path.join(dir, 'dev-network.json')]);
    expect(error?.message).toMatch(/stack dev\/network is given twice/);
  });

  it('asks for at least one file', async () => {
    const { error } = await run([]);
    expect(error?.message).toMatch(/^no plan files given/);
  });
});

describe('main (argument parsing and exit codes)', () => {
  it('turns an unknown flag into a usage message and exit 2', async () => {
    let err = '';
    const code = await main(['--bogus', 'x.json'], (t) => (err += t));
    expect(code).toBe(2);
    expect(err).toMatch(/^plan-summary: Unknown option '--bogus' \(usage: plan:summary/);
  });
});

describe('the plan:summary CLI as a real process', () => {
  function cli(args: string[]) {
    return spawnSync('npx', ['tsx', 'tools/plan-summary/src/bin.ts', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
  }
  const fixture = (name: string) => path.relative(REPO_ROOT, path.join(FIXTURES, name));

  it('exits 0 and prints the Markdown comment', () => {
    const r = cli([fixture('dev-service.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('<!-- plan-summary -->');
  });

  it('exits 1 with --fail-on-destroy when a stateful resource is replaced', () => {
    const r = cli(['--fail-on-destroy', '--json', fixture('prod-data.json')]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).stacks[0].stack).toBe('prod/data');
    expect(r.stderr).toContain('plan-summary: dangerous changes planned (--fail-on-destroy): prod/data: replace aws_dynamodb_table.scans');
  });

  it.each([['bad/truncated.json'], ['bad/state.json'], ['does-not-exist.json']])('exits 2 on %s with one line and no stack trace', (name) => {
    const r = cli([fixture(name)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('plan-summary:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(fixture(name));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
