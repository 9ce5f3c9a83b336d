/**
 * Which environment a stack belongs to, for rules that depend on it (deletion protection).
 * Sources, first match wins:
 *   1. the AWS provider's `default_tags.tags` `env` / `environment` tag (our stacks tag every resource),
 *   2. the first segment of the S3 backend key (`<env>/<stack>.tfstate`),
 *   3. a token of the stack name (`dev-network`, `network-prod`).
 * A stack whose environment cannot be told is treated as production: the strict rules apply.
 */
import { blocks, block } from './values';
import { isJsonObject, type TerraformJson } from './terraform-json';

export type EnvironmentKind = 'dev' | 'staging' | 'prod' | 'unknown';

export interface StackEnvironment {
  readonly kind: EnvironmentKind;
  /** Where the answer came from, shown in messages so a surprising result can be traced. */
  readonly source: string;
}

const ALIASES: Readonly<Record<string, Exclude<EnvironmentKind, 'unknown'>>> = {
  dev: 'dev',
  development: 'dev',
  sandbox: 'dev',
  staging: 'staging',
  stage: 'staging',
  prod: 'prod',
  production: 'prod',
};

function kindOf(text: unknown): Exclude<EnvironmentKind, 'unknown'> | undefined {
  return typeof text === 'string' ? ALIASES[text.toLowerCase()] : undefined;
}

function fromDefaultTags(doc: TerraformJson): StackEnvironment | undefined {
  for (const provider of blocks(doc.provider?.['aws'])) {
    const tags = block(provider['default_tags'])['tags'];
    if (!isJsonObject(tags)) continue;
    for (const key of ['env', 'Env', 'environment', 'Environment']) {
      const kind = kindOf(tags[key]);
      if (kind) return { kind, source: `provider default tag ${key}=${String(tags[key])}` };
    }
  }
  return undefined;
}

function fromBackendKey(doc: TerraformJson): StackEnvironment | undefined {
  const key = doc.terraform?.backend?.['s3']?.['key'];
  if (typeof key !== 'string') return undefined;
  const kind = kindOf(key.split('/')[0]);
  return kind ? { kind, source: `backend key ${key}` } : undefined;
}

function fromStackName(stackName: string): StackEnvironment | undefined {
  for (const token of stackName.toLowerCase().split(/[^a-z0-9]+/)) {
    const kind = kindOf(token);
    if (kind) return { kind, source: `stack name ${stackName}` };
  }
  return undefined;
}

export function detectEnvironment(doc: TerraformJson, stackName: string): StackEnvironment {
  return (
    fromDefaultTags(doc) ??
    fromBackendKey(doc) ??
    fromStackName(stackName) ?? { kind: 'unknown', source: 'no env tag, backend key or stack name token' }
  );
}

/** Production rules apply to prod and to stacks whose environment is unknown. */
export function isProductionLike(environment: StackEnvironment): boolean {
  return environment.kind === 'prod' || environment.kind === 'unknown';
}
