/** Helpers for reading attribute values that may be literals or Terraform expressions. */
import { isJsonObject, type JsonObject } from './terraform-json';

const EXPRESSION = /\$\{/;

/** True for a string holding a Terraform expression (`${aws_kms_key.key.arn}`). */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && EXPRESSION.test(value);
}

/** Literal `true`, or the string "true" (CDKTF passes some booleans through as strings). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Set to something: a non-empty literal or any expression (a reference counts as set). */
export function isSet(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** Nested blocks are an object or an array of objects in Terraform JSON; this gives the array. */
export function blocks(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isJsonObject);
  return isJsonObject(value) ? [value] : [];
}

/** The first nested block, or an empty object. */
export function block(value: unknown): JsonObject {
  return blocks(value)[0] ?? {};
}

/** A string or list attribute as a list of strings (non-strings dropped). */
export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** Lower-cased string value, or undefined. */
export function lower(value: unknown): string | undefined {
  return typeof value === 'string' ? value.toLowerCase() : undefined;
}
