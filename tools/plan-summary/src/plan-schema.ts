import Ajv, { type ErrorObject } from 'ajv';
import type { TerraformPlan } from './plan-types';

const ACTIONS = ['no-op', 'create', 'read', 'update', 'delete', 'forget'];

const attributePaths = {
  type: 'array',
  items: { type: 'array', items: { type: ['string', 'integer'] } },
};

const resourceChange = {
  type: 'object',
  required: ['type', 'name', 'change'],
  properties: {
    address: { type: 'string' },
    module_address: { type: 'string' },
    mode: { type: 'string', enum: ['managed', 'data'] },
    type: { type: 'string', minLength: 1 },
    name: { type: 'string', minLength: 1 },
    index: { type: ['string', 'integer'] },
    action_reason: { type: 'string' },
    replace_paths: attributePaths,
    change: {
      type: 'object',
      required: ['actions'],
      properties: {
        actions: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string', enum: ACTIONS } },
        replace_paths: attributePaths,
      },
    },
  },
};

/**
 * Only what the summary depends on is constrained; unknown fields are allowed so that newer
 * Terraform versions (which only add fields within a major format version) still validate.
 */
export const PLAN_SCHEMA = {
  type: 'object',
  required: ['format_version'],
  // A plan always has planned_values (even "no changes"); `terraform show -json` of a *state* has neither.
  anyOf: [{ required: ['planned_values'] }, { required: ['resource_changes'] }],
  properties: {
    format_version: { type: 'string', pattern: '^[01]\\.[0-9]+$' },
    terraform_version: { type: 'string' },
    planned_values: { type: 'object' },
    resource_changes: { type: 'array', items: resourceChange },
    resource_drift: { type: 'array', items: resourceChange },
    output_changes: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['actions'],
        properties: { actions: { type: 'array', minItems: 1, items: { type: 'string', enum: ACTIONS } } },
      },
    },
  },
} as const;

// strictRequired is off because the anyOf branches name properties declared one level up.
const validate = new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true }).compile(PLAN_SCHEMA);

/** Returns null when `doc` is a plan the summary understands, else one line saying what is wrong. */
export function planShapeError(doc: unknown): string | null {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return 'not a Terraform plan: expected a JSON object from `terraform show -json <planfile>`';
  }
  if (!('format_version' in doc)) {
    return 'not a Terraform plan: no "format_version" (expected the output of `terraform show -json <planfile>`)';
  }
  if (validate(doc)) return null;
  const errors = validate.errors ?? [];
  // A failed anyOf lists its branches' errors first and itself last.
  if (errors.some((e) => e.keyword === 'anyOf' && e.instancePath === '')) {
    return 'not a Terraform plan: it has neither "planned_values" nor "resource_changes" (a state file?)';
  }
  const err = errors[0];
  if (err?.keyword === 'pattern' && err.instancePath === '/format_version') {
    return `unsupported plan format_version ${JSON.stringify((doc as { format_version: unknown }).format_version)} (this tool reads 0.x and 1.x)`;
  }
  return `not a valid Terraform plan: ${describe(err)}`;
}

export function isTerraformPlan(doc: unknown): doc is TerraformPlan {
  return planShapeError(doc) === null;
}

function describe(err: ErrorObject | undefined): string {
  if (!err) return 'unknown validation error';
  const where = err.instancePath ? err.instancePath.slice(1).replace(/\//g, '.') : '(root)';
  const allowed = err.keyword === 'enum' ? ` (${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : '';
  return `${where} ${err.message}${allowed}`;
}
