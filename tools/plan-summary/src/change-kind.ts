import type { PlanAction } from './plan-types';

/** How the summary counts a `change.actions` list. */
export type ChangeKind = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'noop' | 'forget';

/**
 * Terraform writes a replacement as two actions, in the order it will run them:
 * `["delete","create"]` by default, `["create","delete"]` under `create_before_destroy`.
 * `forget` (Terraform >= 1.7 `removed { lifecycle { destroy = false } }`) drops the object from
 * state and leaves it running, so it is not a destroy.
 */
export function changeKind(actions: readonly PlanAction[]): ChangeKind | null {
  const key = actions.join(',');
  switch (key) {
    case 'no-op':
      return 'noop';
    case 'create':
    case 'update':
    case 'delete':
    case 'read':
    case 'forget':
      return key;
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'create,forget':
      return 'forget';
    default:
      return null;
  }
}

/** Words for a replacement's order, shown next to it in the comment. */
export function replaceOrder(actions: readonly PlanAction[]): string {
  return actions[0] === 'create' ? 'create before destroy' : 'destroy then create';
}
