import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from '../src/cli-error';
import { loadStacks } from '../src/load-stacks';
import { stackNamed } from './helpers/stack-builder';

describe('loadStacks', () => {
  let dir: string;
  const write = (relative: string, content: string) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), content);
  };
  const stackJson = (name: string) => JSON.stringify(stackNamed(name).resource('aws_sqs_queue', 'q', {}).json());

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'policy-check-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds stacks under cdktf.out, under stacks/, in one stack folder and as a file', async () => {
    write('cdktf.out/stacks/dev-data/cdk.tf.json', stackJson('dev-data'));
    write('cdktf.out/stacks/prod-data/cdk.tf.json', stackJson('prod-data'));
    write('cdktf.out/manifest.json', '{}');
    const names = async (input: string) => (await loadStacks([input], dir)).map((s) => s.name);
    expect(await names('cdktf.out')).toEqual(['dev-data', 'prod-data']);
    expect(await names('cdktf.out/stacks')).toEqual(['dev-data', 'prod-data']);
    expect(await names('cdktf.out/stacks/prod-data')).toEqual(['prod-data']);
    expect(await names('cdktf.out/stacks/dev-data/cdk.tf.json')).toEqual(['dev-data']);
  });

  it('names a stack after its folder when the metadata has no stackName', async () => {
    write('stacks/network/cdk.tf.json', JSON.stringify({ resource: { aws_vpc: { main: {} } } }));
    const [stack] = await loadStacks(['stacks'], dir);
    expect(stack.name).toBe('network');
    expect(stack.file).toBe(path.join('stacks', 'network', 'cdk.tf.json'));
  });

  it.each([
    ['a missing path', 'nowhere', undefined, /^nowhere: no such file or directory/],
    ['an empty folder', 'empty', 'empty/.keep', /^empty: no stacks found/],
    ['malformed JSON', 'bad.json', 'bad.json', /^bad\.json: malformed JSON \(/],
    ['a JSON array', 'array.json', 'array.json', /^array\.json: not Terraform JSON: top level is not a JSON object$/],
    ['a plan', 'plan.json', 'plan.json', /^plan\.json: not Terraform JSON: this is a Terraform plan/],
    ['unrelated JSON', 'package.json', 'package.json', /^package\.json: not Terraform JSON: no Terraform top-level key/],
    ['a broken resource section', 'r.json', 'r.json', /^r\.json: not Terraform JSON: "resource\.aws_vpc" is not an object/],
  ])('rejects %s with a one-line message', async (_label, input, file, message) => {
    const contents: Record<string, string> = {
      'empty/.keep': '',
      'bad.json': '{"resource": {',
      'array.json': '[]',
      'plan.json': JSON.stringify({ format_version: '1.2', resource_changes: [] }),
      'package.json': JSON.stringify({ name: 'x' }),
      'r.json': JSON.stringify({ resource: { aws_vpc: [] } }),
    };
    if (file) write(file, contents[file]);
    const error = await loadStacks([input], dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(message);
    expect((error as CliError).message).not.toContain('\n');
    expect((error as CliError).exitCode).toBe(2);
  });
});
