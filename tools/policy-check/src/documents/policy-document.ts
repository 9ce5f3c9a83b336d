/**
 * IAM policy documents in one normalized shape, whether written as a JSON string (with `${...}`
 * tokens) or as a `data.aws_iam_policy_document` block referenced through `${data....json}`.
 */
import type { Stack } from '../terraform/stack';
import { isJsonObject, type JsonObject } from '../terraform/terraform-json';
import { blocks, stringList } from '../terraform/values';
import { parseLenientJson } from './lenient-json';

export interface PolicyPrincipal {
  /** `*` (JSON `"Principal": "*"`), `AWS`, `Service`, `Federated`... */
  readonly type: string;
  readonly identifiers: readonly string[];
}

export interface PolicyCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principals: readonly PolicyPrincipal[];
  readonly conditions: readonly PolicyCondition[];
}

export type PolicyDocument =
  | { readonly parsed: true; readonly statements: readonly PolicyStatement[] }
  | { readonly parsed: false; readonly reason: string };

function textList(value: unknown): string[] {
  if (typeof value === 'boolean' || typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(textList);
  return typeof value === 'string' ? [value] : [];
}

function effectOf(value: unknown): 'Allow' | 'Deny' {
  return typeof value === 'string' && value.toLowerCase() === 'deny' ? 'Deny' : 'Allow';
}

function principalsFromJson(value: unknown): PolicyPrincipal[] {
  if (value === '*') return [{ type: '*', identifiers: ['*'] }];
  if (!isJsonObject(value)) return [];
  return Object.entries(value).map(([type, ids]) => ({ type, identifiers: textList(ids) }));
}

function conditionsFromJson(value: unknown): PolicyCondition[] {
  if (!isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([test, byKey]) =>
    isJsonObject(byKey)
      ? Object.entries(byKey).map(([variable, values]) => ({ test, variable, values: textList(values) }))
      : [],
  );
}

function statementFromJson(raw: JsonObject): PolicyStatement {
  return {
    sid: typeof raw['Sid'] === 'string' ? raw['Sid'] : undefined,
    effect: effectOf(raw['Effect']),
    actions: textList(raw['Action']),
    notActions: textList(raw['NotAction']),
    resources: textList(raw['Resource']),
    notResources: textList(raw['NotResource']),
    principals: principalsFromJson(raw['Principal']),
    conditions: conditionsFromJson(raw['Condition']),
  };
}

function statementFromDataSource(raw: JsonObject): PolicyStatement {
  return {
    sid: typeof raw['sid'] === 'string' ? raw['sid'] : undefined,
    effect: effectOf(raw['effect']),
    actions: stringList(raw['actions']),
    notActions: stringList(raw['not_actions']),
    resources: stringList(raw['resources']),
    notResources: stringList(raw['not_resources']),
    principals: blocks(raw['principals']).map((p) => ({
      type: String(p['type'] ?? ''),
      identifiers: stringList(p['identifiers']),
    })),
    conditions: blocks(raw['condition']).map((c) => ({
      test: String(c['test'] ?? ''),
      variable: String(c['variable'] ?? ''),
      values: textList(c['values']),
    })),
  };
}

function fromDataSource(stack: Stack, config: JsonObject, seen: Set<JsonObject>): PolicyDocument {
  if (seen.has(config)) return { parsed: false, reason: 'policy documents include each other in a cycle' };
  seen.add(config);
  const statements = blocks(config['statement']).map(statementFromDataSource);
  for (const key of ['source_policy_documents', 'override_policy_documents']) {
    for (const included of stringList(config[key])) {
      const document = readPolicyDocument(stack, included, seen);
      if (!document.parsed) return document;
      statements.push(...document.statements);
    }
  }
  return { parsed: true, statements };
}

function fromJson(value: unknown): PolicyDocument {
  if (!isJsonObject(value)) return { parsed: false, reason: 'the policy is not a JSON object' };
  const statement = value['Statement'];
  const raws = Array.isArray(statement) ? statement : [statement];
  return { parsed: true, statements: raws.filter(isJsonObject).map(statementFromJson) };
}

/** Reads a policy attribute value (JSON string, object, or reference to an aws_iam_policy_document). */
export function readPolicyDocument(stack: Stack, value: unknown, seen = new Set<JsonObject>()): PolicyDocument {
  const dataSource = stack.referencedData(value, 'aws_iam_policy_document', ['json', 'minified_json']);
  if (dataSource && typeof value === 'string' && value.trim().startsWith('${') && value.trim().endsWith('}')) {
    return fromDataSource(stack, dataSource.config, seen);
  }
  if (isJsonObject(value)) return fromJson(value);
  if (typeof value !== 'string') return { parsed: false, reason: 'the policy is missing or not a string' };
  const result = parseLenientJson(value);
  return result.ok ? fromJson(result.value) : { parsed: false, reason: result.reason };
}

/** True when a principal list grants everyone (`"*"` or `{"AWS": "*"}`). */
export function isPublicPrincipal(principals: readonly PolicyPrincipal[]): boolean {
  return principals.some((p) => (p.type === '*' || p.type === 'AWS') && p.identifiers.includes('*'));
}
