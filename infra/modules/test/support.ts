import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EncryptionKey } from '../src';

/** Placeholder account used by every test; never a real id. */
export const ACCOUNT_ID = '0'.repeat(12);
export const REGION = 'eu-west-1';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app() as App, 'test');
  new AwsProvider(stack, 'aws', { region: REGION });
  return stack;
}

export function synth(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack));
}

/** Builds constructs in a fresh stack and returns the synthesized JSON. */
export function synthWith(build: (stack: TerraformStack) => void): Json {
  const stack = newStack();
  build(stack);
  return synth(stack);
}

export function resources(json: Json, type: string): Json[] {
  return Object.values(json.resource?.[type] ?? {});
}

export function only(json: Json, type: string): Json {
  const found = resources(json, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
}

export function testKey(stack: TerraformStack, id = 'key'): EncryptionKey {
  return new EncryptionKey(stack, id, { description: 'test', aliasName: `test-${id}`, accountId: ACCOUNT_ID, region: REGION });
}
