import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SynthesizedStacks, type StackJson } from '../src/synthesized-stacks';
import { isComputed, resolveReference } from '../src/terraform-reference';

/** A synth of two stacks in the shape CDKTF writes: dev-data makes a queue, dev-svc-api reads its URL through remote state. */
function writeSynth(dir: string, stacks: Record<string, StackJson>): void {
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks: Object.fromEntries(Object.keys(stacks).map((s) => [s, {}])) }));
  for (const [name, json] of Object.entries(stacks)) {
    mkdirSync(join(dir, 'stacks', name), { recursive: true });
    writeFileSync(join(dir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(json));
  }
}

describe('resolveReference', () => {
  let dir: string;
  let stacks: SynthesizedStacks;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'references-'));
    writeSynth(dir, {
      'dev-data': {
        resource: { aws_sqs_queue: { queue_1A: { name: 'dev-scan-requests' } } },
        output: { 'cross-stack-output-aws_sqs_queuequeue_1Aurl': { value: '${aws_sqs_queue.queue_1A.url}' } },
      },
      'dev-svc-api': {
        data: { terraform_remote_state: { 'cross-stack-reference-input-dev-data': { backend: 's3', config: { key: 'dev/data.tfstate' } } } },
        resource: { aws_cloudwatch_log_group: { logs_2B: { name: 'dev-api' } } },
      },
    });
    stacks = new SynthesizedStacks(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows a remote-state output to the producing stack and its resource', () => {
    expect(resolveReference('${data.terraform_remote_state.cross-stack-reference-input-dev-data.outputs.cross-stack-output-aws_sqs_queuequeue_1Aurl}', 'dev-svc-api', stacks)).toEqual({
      stack: 'dev-data',
      type: 'aws_sqs_queue',
      id: 'queue_1A',
      attribute: 'url',
    });
  });

  it('resolves an attribute of a resource in the same stack', () => {
    expect(resolveReference('${aws_cloudwatch_log_group.logs_2B.name}', 'dev-svc-api', stacks)).toEqual({ stack: 'dev-svc-api', type: 'aws_cloudwatch_log_group', id: 'logs_2B', attribute: 'name' });
  });

  it('answers undefined for missing outputs, resources, variables and text around a reference', () => {
    expect(resolveReference('${data.terraform_remote_state.cross-stack-reference-input-dev-data.outputs.nope}', 'dev-svc-api', stacks)).toBeUndefined();
    expect(resolveReference('${data.terraform_remote_state.unknown.outputs.x}', 'dev-svc-api', stacks)).toBeUndefined();
    expect(resolveReference('${aws_sqs_queue.queue_1A.url}', 'dev-svc-api', stacks)).toBeUndefined();
    expect(resolveReference('${var.region}', 'dev-svc-api', stacks)).toBeUndefined();
    expect(resolveReference('https://${aws_cloudwatch_log_group.logs_2B.name}', 'dev-svc-api', stacks)).toBeUndefined();
  });

  it('tells computed values from literals', () => {
    expect(isComputed('${aws_x.y.z}')).toBe(true);
    expect(isComputed('dev')).toBe(false);
  });

  it('refuses a folder that is not a synth', () => {
    expect(() => new SynthesizedStacks(join(dir, 'stacks'))).toThrow('no manifest.json; synthesize first (npm run synth)');
  });
});
