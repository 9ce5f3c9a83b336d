/** The `container_definitions` JSON string of an aws_ecs_task_definition, parsed leniently. */
import { isJsonObject, type JsonObject } from '../terraform/terraform-json';
import { parseLenientJson } from './lenient-json';

export interface EnvironmentVariable {
  readonly name: string;
  readonly value: unknown;
}

export interface ContainerDefinition {
  readonly name: string;
  readonly image: unknown;
  readonly environment: readonly EnvironmentVariable[];
  readonly raw: JsonObject;
}

export type ContainerDefinitions =
  | { readonly parsed: true; readonly containers: readonly ContainerDefinition[] }
  | { readonly parsed: false; readonly reason: string };

function toContainer(raw: JsonObject, index: number): ContainerDefinition {
  const environment = Array.isArray(raw['environment']) ? raw['environment'].filter(isJsonObject) : [];
  return {
    name: typeof raw['name'] === 'string' ? raw['name'] : `#${index}`,
    image: raw['image'],
    environment: environment.map((entry) => ({ name: String(entry['name'] ?? ''), value: entry['value'] })),
    raw,
  };
}

export function readContainerDefinitions(value: unknown): ContainerDefinitions {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    const result = parseLenientJson(value);
    if (!result.ok) return { parsed: false, reason: result.reason };
    parsed = result.value;
  }
  if (!Array.isArray(parsed)) return { parsed: false, reason: 'it is not a JSON array of containers' };
  return { parsed: true, containers: parsed.filter(isJsonObject).map(toContainer) };
}
