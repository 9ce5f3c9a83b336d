import type { AttributePath, PlanResourceChange } from './plan-types';

/**
 * The resource's address. Terraform 1.0 omitted `address` from `resource_drift` entries, so it is
 * rebuilt from module_address, mode, type, name and index the way Terraform prints it.
 */
export function resourceAddress(rc: PlanResourceChange): string {
  if (rc.address) return rc.address;
  const prefix = rc.module_address ? `${rc.module_address}.` : '';
  const mode = rc.mode === 'data' ? 'data.' : '';
  const index = rc.index === undefined ? '' : typeof rc.index === 'number' ? `[${rc.index}]` : `[${JSON.stringify(rc.index)}]`;
  return `${prefix}${mode}${rc.type}.${rc.name}${index}`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `["ingress", 0, "cidr_blocks"]` -> `ingress[0].cidr_blocks`; `["tags", "a b"]` -> `tags["a b"]`. */
export function formatAttributePath(path: AttributePath): string {
  return path
    .map((step, i) => {
      if (typeof step === 'number') return `[${step}]`;
      if (!IDENTIFIER.test(step)) return `[${JSON.stringify(step)}]`;
      return i === 0 ? step : `.${step}`;
    })
    .join('');
}
