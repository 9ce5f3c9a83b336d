import { ServiceManifestSchema } from './manifest-schema';

/** Where editors find the manifest schema (`"$schema"` in every service.json points here). */
export const JSON_SCHEMA_FILE = 'libs/service-catalog/service.schema.json';

/** The manifest schema as a JSON Schema document (TypeBox schemas are JSON Schema), stable text. */
export function manifestJsonSchema(): string {
  return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...ServiceManifestSchema }, null, 2) + '\n';
}
