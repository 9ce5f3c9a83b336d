import { randomBytes } from 'node:crypto';
import type { SecretSource } from '@platform/service-catalog';

/** Where a container secret's `valueFrom` points. */
export interface SecretLocation {
  readonly service: 'ssm' | 'secretsmanager';
  readonly region: string | undefined;
  readonly account: string | undefined;
  /** SSM parameter name (with its leading `/`) or Secrets Manager secret name. */
  readonly name: string;
  /** Secrets Manager only: the JSON key after the ARN (`arn:...:secret:name:key::`). */
  readonly jsonKey?: string;
}

/**
 * Parses `valueFrom` as ECS does: an SSM parameter ARN or a name (in the task's region and
 * account), or a Secrets Manager ARN with an optional `:json-key:version-stage:version-id` suffix.
 */
export function parseValueFrom(valueFrom: string): SecretLocation {
  const arn = /^arn:aws[a-z-]*:(ssm|secretsmanager):([^:]*):([^:]*):(.+)$/.exec(valueFrom);
  if (!arn) {
    if (valueFrom.startsWith('arn:')) throw new Error(`valueFrom ${valueFrom} is neither an SSM parameter nor a Secrets Manager secret ARN`);
    return { service: 'ssm', region: undefined, account: undefined, name: valueFrom.startsWith('/') ? valueFrom : `/${valueFrom}` };
  }
  const [, service, region, account, rest] = arn;
  if (service === 'ssm') {
    if (!rest.startsWith('parameter/')) throw new Error(`valueFrom ${valueFrom}: an SSM ARN names a parameter (…:parameter/<name>)`);
    return { service, region, account, name: rest.slice('parameter'.length) };
  }
  if (!rest.startsWith('secret:')) throw new Error(`valueFrom ${valueFrom}: a Secrets Manager ARN names a secret (…:secret:<name>)`);
  const [name, jsonKey] = rest.slice('secret:'.length).split(':');
  return { service: 'secretsmanager', region, account, name: name.replace(/-[A-Za-z0-9]{6}$/, ''), jsonKey: jsonKey || undefined };
}

/**
 * The parameters and secrets an operator creates before a first deploy, with made-up values: one
 * per secret the catalog declares for the environment. ECS resolves `valueFrom` against it.
 */
export class FakeParameterStore {
  private readonly values = new Map<string, string>();

  constructor(sources: readonly SecretSource[]) {
    for (const source of sources) {
      const key = source.type === 'ssm' ? `ssm:${source.parameterName}` : `secretsmanager:${source.secretName}`;
      this.values.set(key, randomBytes(24).toString('base64url'));
    }
  }

  /** The value ECS would inject, or an error naming what an operator would be missing. */
  resolve(location: SecretLocation): string {
    const value = this.values.get(`${location.service}:${location.name}`);
    if (value === undefined) {
      const known = [...this.values.keys()].join(', ') || 'none';
      throw new Error(`${location.service} ${location.name} is not a secret the catalog declares (declared: ${known})`);
    }
    // A JSON key selects one field of a JSON secret: the made-up secret has every key, with the same value.
    return value;
  }
}
