/** Builds small synthesized-stack documents for rule tests, in the shape `cdktf synth` writes. */
import { ruleById } from '../../src/rules';
import { Stack } from '../../src/terraform/stack';
import type { JsonObject, TerraformJson } from '../../src/terraform/terraform-json';

/** `${type.name.attribute}`, the way CDKTF writes a reference. */
export function ref(type: string, name: string, attribute: string): string {
  return `\${${type}.${name}.${attribute}}`;
}

export class StackBuilder {
  private readonly resources: Record<string, Record<string, JsonObject>> = {};
  private readonly dataSources: Record<string, Record<string, JsonObject>> = {};
  private terraform: JsonObject = {};
  private provider: JsonObject | undefined;
  private stackExemptions: JsonObject | undefined;

  constructor(readonly name: string) {}

  resource(type: string, name: string, config: JsonObject): this {
    this.resources[type] = { ...this.resources[type], [name]: { '//': { metadata: { path: `${this.name}/${name}` } }, ...config } };
    return this;
  }

  data(type: string, name: string, config: JsonObject): this {
    this.dataSources[type] = { ...this.dataSources[type], [name]: config };
    return this;
  }

  /** Adds `//.policyExemptions` to an existing resource, like `addOverride('//.policyExemptions.ID', reason)`. */
  exempt(type: string, name: string, ruleId: string, reason: unknown): this {
    const resource = this.resources[type][name];
    const comment = resource['//'] as JsonObject;
    comment['policyExemptions'] = { ...(comment['policyExemptions'] as JsonObject), [ruleId]: reason };
    return this;
  }

  exemptStack(ruleId: string, reason: unknown): this {
    this.stackExemptions = { ...this.stackExemptions, [ruleId]: reason };
    return this;
  }

  s3Backend(config: JsonObject): this {
    this.terraform = { backend: { s3: config } };
    return this;
  }

  localBackend(): this {
    this.terraform = { backend: { local: { path: 'terraform.tfstate' } } };
    return this;
  }

  defaultTags(tags: Record<string, string>): this {
    this.provider = { aws: [{ region: 'eu-west-1', default_tags: [{ tags }] }] };
    return this;
  }

  json(): TerraformJson {
    return {
      '//': { metadata: { stackName: this.name, backend: 's3' }, ...(this.stackExemptions ? { policyExemptions: this.stackExemptions } : {}) },
      ...(this.provider ? { provider: this.provider } : { provider: { aws: [{ region: 'eu-west-1' }] } }),
      resource: this.resources,
      ...(Object.keys(this.dataSources).length > 0 ? { data: this.dataSources } : {}),
      terraform: this.terraform,
    } as TerraformJson;
  }

  build(): Stack {
    return new Stack(this.name, `${this.name}/cdk.tf.json`, JSON.parse(JSON.stringify(this.json())) as TerraformJson);
  }
}

/** A dev stack by default: environment-dependent rules pass explicit names. */
export function stackNamed(name = 'dev-test'): StackBuilder {
  return new StackBuilder(name);
}

/** `address: message` of every finding one rule reports on the stack. */
export function findings(ruleId: string, builder: StackBuilder | Stack): string[] {
  const stack = builder instanceof StackBuilder ? builder.build() : builder;
  return ruleById(ruleId)
    .check(stack)
    .map((item) => `${item.resource?.address ?? item.address}: ${item.message}`);
}

/** Just the addresses, for the common assertion. */
export function flagged(ruleId: string, builder: StackBuilder | Stack): string[] {
  return findings(ruleId, builder).map((line) => line.slice(0, line.indexOf(': ')));
}

/** A policy document JSON string, as CDKTF writes one into `policy`. */
export function policyJson(statements: JsonObject[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** A container_definitions JSON string. */
export function containersJson(containers: JsonObject[]): string {
  return JSON.stringify(containers);
}
