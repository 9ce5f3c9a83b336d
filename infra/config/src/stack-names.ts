import { ConfigError } from './config-error';

/**
 * The stacks of an environment, in apply order: the shared stacks, then one stack per service
 * of the catalog (`svc-<name>`), then `monitoring`. The one list infra/platform.ts builds and the
 * deploy planner orders by.
 */
export const SHARED_STACK_NAMES = ['state', 'network', 'registry', 'data', 'edge'] as const;
export const MONITORING_STACK = 'monitoring';
/** Prefix of the service stacks: `svc-api` holds the api's task definition, service, alarms... */
export const SERVICE_STACK_PREFIX = 'svc-';
export type SharedStackName = (typeof SHARED_STACK_NAMES)[number] | typeof MONITORING_STACK;

/** What each shared stack reads from (besides the state bucket every backend uses). */
export const SHARED_STACK_DEPENDENCIES: Readonly<Record<SharedStackName, readonly SharedStackName[]>> = {
  state: [],
  network: [],
  registry: [],
  data: [],
  edge: ['network'],
  monitoring: ['edge', 'data'],
};
/** What every service stack reads from. */
export const SERVICE_STACK_DEPENDENCIES: readonly SharedStackName[] = ['network', 'registry', 'data', 'edge'];

export function serviceStackName(service: string): string {
  return `${SERVICE_STACK_PREFIX}${service}`;
}

/** Every stack name of an environment whose catalog holds these services, in apply order. */
export function stackNames(services: readonly string[]): string[] {
  return [...SHARED_STACK_NAMES, ...[...services].sort().map(serviceStackName), MONITORING_STACK];
}

/** The stacks a stack reads from, directly. */
export function stackDependencies(stack: string): readonly string[] {
  if (stack.startsWith(SERVICE_STACK_PREFIX)) return SERVICE_STACK_DEPENDENCIES;
  return SHARED_STACK_DEPENDENCIES[stack as SharedStackName] ?? [];
}

/**
 * `STACKS=svc-api,data` -> those stacks plus every stack they read from; `svc` -> every service
 * stack; unset -> all. Unknown names fail with the list of known ones.
 */
export function resolveStackSelection(requested: string | undefined, services: readonly string[]): Set<string> {
  const known = stackNames(services);
  const names = (requested ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) return new Set(known);
  const selected = new Set<string>();
  const add = (name: string): void => {
    if (name === 'svc') return services.forEach((service) => add(serviceStackName(service)));
    if (!known.includes(name)) throw new ConfigError(`STACKS names unknown stack "${name}" (known: ${known.join(', ')}, or svc for every service)`);
    if (selected.has(name)) return;
    selected.add(name);
    stackDependencies(name).forEach(add);
  };
  names.forEach(add);
  return selected;
}
