/**
 * The parts of Terraform JSON syntax (what `cdktf synth` writes to `cdk.tf.json`) that the rules read.
 * Values are loose on purpose: any attribute may hold a literal or a `${...}` Terraform expression.
 */
export type JsonObject = Record<string, unknown>;

export interface TerraformJson {
  readonly '//'?: { readonly metadata?: { readonly stackName?: string; readonly backend?: string } };
  readonly resource?: Record<string, Record<string, JsonObject | JsonObject[]>>;
  readonly data?: Record<string, Record<string, JsonObject | JsonObject[]>>;
  readonly provider?: Record<string, JsonObject | JsonObject[]>;
  readonly terraform?: { readonly backend?: Record<string, JsonObject> } & JsonObject;
  readonly [key: string]: unknown;
}

/** A resource or data source block, with the address Terraform gives it (`aws_s3_bucket.logs`). */
export interface TerraformBlock {
  readonly mode: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  /** `aws_s3_bucket.logs`, or `data.aws_iam_policy_document.task` for data sources. */
  readonly address: string;
  readonly config: JsonObject;
  /** The construct path CDKTF records in `//.metadata.path`, when present. */
  readonly constructPath?: string;
  /** Rule id -> reason, from the block's `//.policyExemptions`. */
  readonly exemptions: Readonly<Record<string, unknown>>;
}

const TOP_LEVEL_KEYS = ['resource', 'data', 'provider', 'terraform', 'module', 'output', 'variable', 'locals'];

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why `value` is not Terraform JSON, or undefined when it looks like it is. */
export function whyNotTerraformJson(value: unknown): string | undefined {
  if (!isJsonObject(value)) return 'top level is not a JSON object';
  if ('resource_changes' in value || 'planned_values' in value) {
    return 'this is a Terraform plan (terraform show -json), not a synthesized cdk.tf.json';
  }
  if (!TOP_LEVEL_KEYS.some((key) => key in value)) {
    return `no Terraform top-level key (expected one of ${TOP_LEVEL_KEYS.join(', ')})`;
  }
  for (const mode of ['resource', 'data'] as const) {
    const section = value[mode];
    if (section === undefined) continue;
    if (!isJsonObject(section)) return `"${mode}" is not an object of resource types`;
    for (const [type, byName] of Object.entries(section)) {
      if (!isJsonObject(byName)) return `"${mode}.${type}" is not an object of named blocks`;
    }
  }
  return undefined;
}

/** Every block of one mode, in file order. A block written as an array of objects is merged. */
export function blocksOf(doc: TerraformJson, mode: 'resource' | 'data'): TerraformBlock[] {
  const section = doc[mode] ?? {};
  const blocks: TerraformBlock[] = [];
  for (const [type, byName] of Object.entries(section)) {
    for (const [name, raw] of Object.entries(byName)) {
      const config: JsonObject = Array.isArray(raw) ? Object.assign({}, ...raw) : raw;
      const comment = isJsonObject(config['//']) ? config['//'] : {};
      const metadata = isJsonObject(comment['metadata']) ? comment['metadata'] : {};
      const exemptions = isJsonObject(comment['policyExemptions']) ? comment['policyExemptions'] : {};
      const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
      blocks.push({
        mode,
        type,
        name,
        address,
        config,
        constructPath: typeof metadata['path'] === 'string' ? metadata['path'] : undefined,
        exemptions,
      });
    }
  }
  return blocks;
}
