/**
 * Following a value across stacks: CDKTF writes a cross-stack reference as
 * `${data.terraform_remote_state.<name>.outputs.<output>}`; the remote state's backend key names the
 * producing stack (the stack whose S3 backend has that key), whose `output.<output>.value` holds the
 * producing expression. Layout-independent: no stack name is assumed.
 */
import type { Stack } from './stack';
import { isJsonObject } from './terraform-json';

const REMOTE_OUTPUT = /^\$\{data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;

export interface ResolvedValue {
  readonly stack: Stack;
  readonly value: unknown;
}

function backendKey(stack: Stack): unknown {
  return stack.doc.terraform?.backend?.['s3']?.['key'];
}

/** The stack and expression a value comes from: itself, or the producer of a remote-state output (followed up to 5 hops). */
export function resolveAcrossStacks(stack: Stack, value: unknown, stacks: readonly Stack[]): ResolvedValue {
  let current: ResolvedValue = { stack, value };
  for (let hop = 0; hop < 5; hop++) {
    const match = typeof current.value === 'string' ? REMOTE_OUTPUT.exec(current.value.trim()) : null;
    if (!match) return current;
    const [, stateName, outputName] = match;
    const state = current.stack.dataOfType('terraform_remote_state').find((data) => data.name === stateName);
    const config = state && isJsonObject(state.config['config']) ? state.config['config'] : undefined;
    const producer = config ? stacks.find((candidate) => backendKey(candidate) === config['key']) : undefined;
    const outputs = producer?.doc['output'];
    const output = isJsonObject(outputs) ? outputs[outputName] : undefined;
    if (!producer || !isJsonObject(output)) return current;
    current = { stack: producer, value: output['value'] };
  }
  return current;
}
