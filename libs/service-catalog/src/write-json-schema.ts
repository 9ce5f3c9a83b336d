/** `npx tsx libs/service-catalog/src/write-json-schema.ts`: rewrites service.schema.json from the TypeBox schema. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILE, manifestJsonSchema } from './json-schema';

writeFileSync(join(__dirname, '../../..', JSON_SCHEMA_FILE), manifestJsonSchema());
process.stdout.write(`wrote ${JSON_SCHEMA_FILE}\n`);
