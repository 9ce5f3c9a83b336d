/** One synthesized stack: its document plus indexed access to blocks, for the rules. */
import { detectEnvironment, type StackEnvironment } from './environment';
import { referencedNames } from './references';
import { blocksOf, type TerraformBlock, type TerraformJson } from './terraform-json';

export class Stack {
  readonly resources: readonly TerraformBlock[];
  readonly dataSources: readonly TerraformBlock[];
  readonly environment: StackEnvironment;

  constructor(
    /** `//.metadata.stackName`, or the folder name when absent. */
    readonly name: string,
    /** The file it was read from (for messages). */
    readonly file: string,
    readonly doc: TerraformJson,
  ) {
    this.resources = blocksOf(doc, 'resource');
    this.dataSources = blocksOf(doc, 'data');
    this.environment = detectEnvironment(doc, name);
  }

  /** Resources of any of the given types (`aws_lb` and its alias `aws_alb`, say). */
  ofType(...types: string[]): TerraformBlock[] {
    return this.resources.filter((resource) => types.includes(resource.type));
  }

  dataOfType(type: string): TerraformBlock[] {
    return this.dataSources.filter((source) => source.type === type);
  }

  /** The resource of `type` that `value` references (`${aws_kms_key.main.arn}`), if it is in this stack. */
  referenced(value: unknown, type: string, attributes: readonly string[]): TerraformBlock | undefined {
    const [name] = referencedNames(value, type, attributes);
    return name === undefined ? undefined : this.resources.find((r) => r.type === type && r.name === name);
  }

  /** The data source of `type` that `value` references (`${data.aws_iam_policy_document.task.json}`). */
  referencedData(value: unknown, type: string, attributes: readonly string[]): TerraformBlock | undefined {
    const [name] = referencedNames(value, `data.${type}`, attributes);
    return name === undefined ? undefined : this.dataSources.find((d) => d.type === type && d.name === name);
  }
}
