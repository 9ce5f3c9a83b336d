import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Whether the pinned AWS provider knows `attribute` of resource or data source `type`, by the
 * bindings `@cdktf/provider-aws` generated from that provider's schema (the stacks are written
 * with them): `aws_ecr_repository` -> lib/ecr-repository, data `aws_iam_policy_document` ->
 * lib/data-aws-iam-policy-document. Lets a validation with an older provider from a mirror tell
 * "newer than the mirror" from "unknown to the pin as well".
 */
export function pinnedProviderKnows(kind: 'resource' | 'data', type: string, attribute: string): boolean {
  const lib = bindingsDir();
  if (!lib || !type.startsWith('aws_')) return false;
  const name = type.slice('aws_'.length).replace(/_/g, '-');
  const file = path.join(lib, kind === 'data' ? `data-aws-${name}` : name, 'index.js');
  if (!existsSync(file)) return false;
  return new RegExp(`\\b${attribute}\\b`).test(readFileSync(file, 'utf8'));
}

let cached: string | null | undefined;
function bindingsDir(): string | null {
  if (cached !== undefined) return cached;
  try {
    cached = path.join(path.dirname(require.resolve('@cdktf/provider-aws/package.json')), 'lib');
  } catch {
    cached = null;
  }
  return cached;
}
