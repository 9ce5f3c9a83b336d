/**
 * Cross-resource matching by reference expression. CDKTF writes a reference to another resource as
 * `${aws_s3_bucket.logs.id}`; a companion resource (public access block, versioning...) points at its
 * bucket that way, or by the literal bucket name.
 */
import type { TerraformBlock } from './terraform-json';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The resource names of `type` that `value` references through one of `attributes`
 * (`${aws_s3_bucket.logs.id}` -> ['logs']). Works for whole-string and embedded references.
 */
export function referencedNames(value: unknown, type: string, attributes: readonly string[]): string[] {
  if (typeof value !== 'string') return [];
  const pattern = new RegExp(`${escape(type)}\\.([A-Za-z0-9_-]+)\\.(${attributes.map(escape).join('|')})\\b`, 'g');
  return [...value.matchAll(pattern)].map((match) => match[1]);
}

/** True when `value` points at `target` by reference (any of `attributes`) or equals its literal `nameAttribute`. */
export function pointsAt(
  value: unknown,
  target: TerraformBlock,
  attributes: readonly string[],
  nameAttribute?: string,
): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.some((item) => {
    if (referencedNames(item, target.type, attributes).includes(target.name)) return true;
    if (!nameAttribute || typeof item !== 'string') return false;
    const literal = target.config[nameAttribute];
    return typeof literal === 'string' && literal === item && !literal.includes('${');
  });
}
