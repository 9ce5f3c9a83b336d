import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One stack's `cdk.tf.json`: resource and data blocks by type and id, outputs, providers. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown }>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
}

/** The stacks of one synth (a CDKTF out dir with manifest.json), read on demand and kept. */
export class SynthesizedStacks {
  private readonly cache = new Map<string, StackJson>();

  constructor(readonly outDir: string) {
    if (!existsSync(join(outDir, 'manifest.json'))) throw new Error(`${outDir}: no manifest.json; synthesize first (npm run synth)`);
  }

  names(): string[] {
    const manifest = JSON.parse(readFileSync(join(this.outDir, 'manifest.json'), 'utf8')) as { stacks: Record<string, unknown> };
    return Object.keys(manifest.stacks).sort();
  }

  has(name: string): boolean {
    return existsSync(this.file(name));
  }

  get(name: string): StackJson {
    let stack = this.cache.get(name);
    if (stack === undefined) {
      if (!this.has(name)) throw new Error(`stack ${name} is not in ${this.outDir}`);
      stack = JSON.parse(readFileSync(this.file(name), 'utf8')) as StackJson;
      this.cache.set(name, stack);
    }
    return stack;
  }

  private file(name: string): string {
    return join(this.outDir, 'stacks', name, 'cdk.tf.json');
  }
}

/** `{ id: block }` of one resource type (empty when the stack has none). */
export function resourcesOf(stack: StackJson, type: string): Record<string, Record<string, unknown>> {
  return stack.resource?.[type] ?? {};
}
