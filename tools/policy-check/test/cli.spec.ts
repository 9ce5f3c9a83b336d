import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fixturesCorpus } from '@platform/cli-support';
import { runCli } from '../src/cli';
import { ALL_RULES } from '../src/rules';
import { secureBucket } from './helpers/compliant';
import { stackNamed } from './helpers/stack-builder';

const REPO = path.resolve(__dirname, '../../..');
const PROJECT_FIXTURES = path.join(__dirname, 'fixtures/cdktf-synth');
const corpus = fixturesCorpus('cdktf-synth', 'policy-check CLI on real CDKTF output from public repositories');
const exec = promisify(execFile);

async function runBin(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec('npx', ['tsx', 'tools/policy-check/src/bin.ts', ...args], { cwd: REPO });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** npm may print its own config warnings; the checker's output is the rest. */
function ownLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '' && !line.startsWith('npm warn'));
}

describe('policy-check CLI', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = () => ({ stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), cwd: dir });

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'policy-check-cli-'));
    out = [];
    err = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeStack = (name: string, json: unknown) => {
    mkdirSync(path.join(dir, 'cdktf.out/stacks', name), { recursive: true });
    writeFileSync(path.join(dir, 'cdktf.out/stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  };
  const backend = { bucket: 'state', key: 'dev/data.tfstate', encrypt: true, use_lockfile: true };

  it('passes clean stacks from the default cdktf.out/stacks with exit 0', async () => {
    writeStack('dev-data', secureBucket(stackNamed('dev-data'), 'data').s3Backend(backend).json());
    expect(await runCli([], io())).toBe(0);
    expect(out.join('')).toBe(`policy-check: PASS: 0 violation(s) in 0 of 1 stack(s), ${ALL_RULES.length} rules, 0 exempted\n`);
  });

  it('fails with exit 1 and lists rule, stack, address, what and fix', async () => {
    writeStack('dev-data', stackNamed('dev-data').resource('aws_sqs_queue', 'jobs', { sqs_managed_sse_enabled: true }).s3Backend(backend).json());
    expect(await runCli(['cdktf.out'], io())).toBe(1);
    expect(out.join('')).toContain(
      [
        'dev-data (cdktf.out/stacks/dev-data/cdk.tf.json, env dev)',
        '  PLAT_SQS_DEAD_LETTER_QUEUE [medium] aws_sqs_queue.jobs (dev-data/jobs)',
        '    what: queue has no redrive policy, so poison messages are retried forever',
        '    fix:  Set redrive_policy',
      ].join('\n'),
    );
  });

  it('prints the report as JSON with --json', async () => {
    writeStack('dev-data', stackNamed('dev-data').resource('aws_sqs_queue', 'jobs', { sqs_managed_sse_enabled: true }).s3Backend(backend).json());
    expect(await runCli(['--json'], io())).toBe(1);
    const report = JSON.parse(out.join(''));
    expect(report.violations).toEqual([expect.objectContaining({ ruleId: 'PLAT_SQS_DEAD_LETTER_QUEUE', stack: 'dev-data', address: 'aws_sqs_queue.jobs' })]);
  });

  it('lists every rule with --list-rules', async () => {
    expect(await runCli(['--list-rules', '--json'], io())).toBe(0);
    const rules = JSON.parse(out.join('')) as { id: string }[];
    expect(rules.length).toBeGreaterThanOrEqual(25);
    expect(rules.map((r) => r.id)).toContain('CKV_AWS_19');
  });

  it('rejects an unknown option with exit 2 and the usage', async () => {
    expect(await runCli(['--frobnicate'], io())).toBe(2);
    expect(err.join('')).toMatch(/^policy-check: Unknown option '--frobnicate' \(usage: policy-check/);
  });

  describe('as a real process', () => {
    it('exits 2 with one clear line and no stack trace for a missing path', async () => {
      const result = await runBin(['/nonexistent/cdktf.out']);
      expect(result.code).toBe(2);
      expect(ownLines(result.stderr)).toEqual(['policy-check: /nonexistent/cdktf.out: no such file or directory (run `npm run synth` first?)']);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe('');
    });

    it('exits 2 on malformed JSON without a stack trace', async () => {
      const bad = path.join(dir, 'cdk.tf.json');
      writeFileSync(bad, '{"resource": {"aws_vpc": ');
      const result = await runBin([bad]);
      expect(result.code).toBe(2);
      expect(ownLines(result.stderr)).toEqual([`policy-check: ${bad}: malformed JSON (Unexpected end of JSON input)`]);
    });

    it('exits 1 on the project-made synth fixtures and prints parseable JSON with --json', async () => {
      const result = await runBin([PROJECT_FIXTURES, '--json']);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.stacks).toEqual(['legacy-data', 'legacy-jobs']);
      expect(report.violations).toHaveLength(14);
    });

    (corpus.present ? it : it.skip)('exits 1 on the external corpus and prints parseable JSON with --json', async () => {
      const result = await runBin([corpus.dir, '--json']);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.stacks).toHaveLength(5);
      expect(report.violations).toHaveLength(36);
    });
  });
});
