import type { ServiceManifest } from './manifest-schema';

/** DynamoDB operations a table access allows; `SystemErrors` is published per table and operation. */
export const READ_OPERATIONS = ['GetItem', 'BatchGetItem', 'Query'] as const;
export const WRITE_OPERATIONS = ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'] as const;
export type TableOperation = (typeof READ_OPERATIONS)[number] | (typeof WRITE_OPERATIONS)[number] | 'Scan';

/**
 * The operations the services of a catalog may call on each table, from what their manifests
 * declare (read, read-write, scan): what the environment's table error alarms watch.
 */
export function tableOperations(services: readonly ServiceManifest[]): Map<string, TableOperation[]> {
  const operations = new Map<string, Set<TableOperation>>();
  for (const service of services) {
    for (const [table, use] of Object.entries(service.uses?.tables ?? {})) {
      const access = typeof use === 'string' ? use : use.access;
      const set = operations.get(table) ?? new Set<TableOperation>();
      READ_OPERATIONS.forEach((op) => set.add(op));
      if (access === 'read-write') WRITE_OPERATIONS.forEach((op) => set.add(op));
      if (typeof use === 'object' && use.scan) set.add('Scan');
      operations.set(table, set);
    }
  }
  const order: TableOperation[] = [...READ_OPERATIONS, 'Scan', ...WRITE_OPERATIONS];
  return new Map([...operations].sort(([a], [b]) => a.localeCompare(b)).map(([table, set]) => [table, order.filter((op) => set.has(op))]));
}
