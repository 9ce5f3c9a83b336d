import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fields that name the tool or the provider build, not the infrastructure. `*` is any key. */
export const NAMED_METADATA: readonly string[] = ['//.metadata.version', 'terraform.required_providers.*.version'];

/**
 * Fields written differently that Terraform reads as the same thing: a provider source is the
 * registry address `registry.terraform.io/<namespace>/<type>`, and `aws` and `hashicorp/aws` are both
 * short for `registry.terraform.io/hashicorp/aws` (cdktf writes the first, cdktn the second).
 */
export const EQUIVALENT_FORMS: readonly { readonly field: string; readonly normalize: (value: Json | undefined) => Json | undefined }[] = [
  { field: 'terraform.required_providers.*.source', normalize: (value) => (typeof value === 'string' ? providerAddress(value) : value) },
];

export function providerAddress(source: string): string {
  const parts = source.toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

export interface FieldDifference {
  readonly stack: string;
  readonly path: string;
  readonly cdktf: Json | undefined;
  readonly cdktn: Json | undefined;
}

export interface SynthComparison {
  /** Stacks both synthesized. */
  readonly stacks: string[];
  readonly onlyCdktf: string[];
  readonly onlyCdktn: string[];
  /** Differences in the named metadata fields, or two forms of the same value: reported but allowed. */
  readonly metadata: FieldDifference[];
  /** Every other difference: each one is a real change of the Terraform configuration. */
  readonly differences: FieldDifference[];
}

function stacksIn(outdir: string): string[] {
  const dir = path.join(outdir, 'stacks');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, 'cdk.tf.json')))
    .sort();
}

function readStack(outdir: string, stack: string): Json {
  return JSON.parse(readFileSync(path.join(outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Json;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matches(pattern: string, fieldPath: string[]): boolean {
  const parts = pattern.split('.');
  return parts.length === fieldPath.length && parts.every((part, i) => part === '*' || part === fieldPath[i]);
}

function isAllowed(d: { path: string[]; a: Json | undefined; b: Json | undefined }): boolean {
  if (NAMED_METADATA.some((pattern) => matches(pattern, d.path))) return true;
  return EQUIVALENT_FORMS.some((form) => matches(form.field, d.path) && isDeepStrictEqual(form.normalize(d.a), form.normalize(d.b)));
}

/** Leaf-level differences between two JSON documents; arrays are compared whole. */
export function diffJson(a: Json | undefined, b: Json | undefined, at: string[] = []): { path: string[]; a: Json | undefined; b: Json | undefined }[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => diffJson(a[key], b[key], [...at, key]));
  }
  return isDeepStrictEqual(a, b) ? [] : [{ path: at, a, b }];
}

/** Compares every `stacks/<name>/cdk.tf.json` of a cdktf synth with the same stack synthesized by cdktn. */
export function compareSynth(cdktfOut: string, cdktnOut: string): SynthComparison {
  const fromCdktf = stacksIn(cdktfOut);
  const fromCdktn = stacksIn(cdktnOut);
  const stacks = fromCdktf.filter((s) => fromCdktn.includes(s));
  const metadata: FieldDifference[] = [];
  const differences: FieldDifference[] = [];
  for (const stack of stacks) {
    for (const d of diffJson(readStack(cdktfOut, stack), readStack(cdktnOut, stack))) {
      const entry = { stack, path: d.path.join('.'), cdktf: d.a, cdktn: d.b };
      (isAllowed(d) ? metadata : differences).push(entry);
    }
  }
  return {
    stacks,
    onlyCdktf: fromCdktf.filter((s) => !fromCdktn.includes(s)),
    onlyCdktn: fromCdktn.filter((s) => !fromCdktf.includes(s)),
    metadata,
    differences,
  };
}

export function isEquivalent(c: SynthComparison): boolean {
  return c.stacks.length > 0 && c.onlyCdktf.length === 0 && c.onlyCdktn.length === 0 && c.differences.length === 0;
}
