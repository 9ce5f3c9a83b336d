import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILE, loadCatalog, manifestJsonSchema } from '../src';
import { ENVIRONMENTS } from './catalog-fixtures';

const ROOT = join(__dirname, '../../..');

describe("the workspace's own catalog", () => {
  it('declares the api (web) and the worker (worker), and every image project has a manifest', () => {
    const catalog = loadCatalog({ workspaceRoot: ROOT, environmentNames: ENVIRONMENTS });
    expect(catalog.get('api')?.kind).toBe('web');
    expect(catalog.get('worker')?.kind).toBe('worker');
    for (const entry of catalog.entries) expect(entry.root).toBe(`apps/${entry.manifest.name}`);
  });

  it('keeps service.schema.json in step with the TypeBox schema', () => {
    // Regenerate with: npx tsx libs/service-catalog/src/write-json-schema.ts
    expect(readFileSync(join(ROOT, JSON_SCHEMA_FILE), 'utf8')).toBe(manifestJsonSchema());
  });
});
