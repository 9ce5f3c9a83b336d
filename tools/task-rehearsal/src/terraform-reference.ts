import type { StackJson, SynthesizedStacks } from './synthesized-stacks';

/** `${type.id.attribute}`: an attribute of a resource that exists only once it is applied. */
export interface ResourceAttribute {
  /** The stack that creates the resource. */
  readonly stack: string;
  readonly type: string;
  readonly id: string;
  readonly attribute: string;
}

const WHOLE_REFERENCE = /^\$\{([^{}]+)\}$/;

/** Whether a value has a Terraform interpolation in it (it is known only at apply time). */
export function isComputed(value: string): boolean {
  return value.includes('${');
}

/**
 * Follows a value that is one reference to the resource attribute behind it: an attribute of a
 * resource in the same stack, or a remote-state output (a cross-stack reference) to the producing
 * stack's output, and on to its resource. Returns undefined for anything else (a function call, a
 * variable, text around a reference).
 */
export function resolveReference(value: string, stackName: string, stacks: SynthesizedStacks): ResourceAttribute | undefined {
  const match = WHOLE_REFERENCE.exec(value);
  if (!match) return undefined;
  const parts = match[1].split('.');
  if (parts[0] === 'data' && parts[1] === 'terraform_remote_state' && parts[3] === 'outputs' && parts.length === 5) {
    const producer = remoteStateStack(stacks.get(stackName), parts[2]);
    if (producer === undefined || !stacks.has(producer)) return undefined;
    const output = stacks.get(producer).output?.[parts[4]];
    return typeof output?.value === 'string' ? resolveReference(output.value, producer, stacks) : undefined;
  }
  if (parts.length !== 3 || parts[0] === 'data' || parts[0] === 'var' || parts[0] === 'local') return undefined;
  const [type, id, attribute] = parts;
  return stacks.get(stackName).resource?.[type]?.[id] ? { stack: stackName, type, id, attribute } : undefined;
}

/** The stack a `terraform_remote_state` block reads: its S3 key is `<env>/<stack>.tfstate`, the stack is `<env>-<stack>`. */
function remoteStateStack(stack: StackJson, name: string): string | undefined {
  const block = stack.data?.terraform_remote_state?.[name] as { config?: { key?: string } } | undefined;
  const key = /^([^/]+)\/(.+)\.tfstate$/.exec(block?.config?.key ?? '');
  return key ? `${key[1]}-${key[2]}` : undefined;
}
