import { MONITORING_STACK, PROJECT_NAME, SERVICE_STACK_PREFIX, SHARED_STACK_NAMES, serviceStackName } from '@platform/infra-config';
import { IMAGE_PROJECT_TAG } from '@platform/service-catalog';
/** Names and tags the planner reads from the workspace; one place so docs and code agree. */

export const IMAGE_TAG = IMAGE_PROJECT_TAG;
export const STACK_TAG = 'deploy:stack';
/** The project whose code builds every service's stack (infra/stacks/service). */
export const SERVICE_STACKS_TAG = 'deploy:service-stacks';
export const STACK_PROJECT_PREFIX = 'stack-';

/** Apply order of infra/config (shared stacks, service stacks, monitoring); used where the graph leaves two stacks unordered. */
export function stackRank(stack: string): number {
  const shared = (SHARED_STACK_NAMES as readonly string[]).indexOf(stack);
  if (shared !== -1) return shared;
  if (stack.startsWith(SERVICE_STACK_PREFIX)) return SHARED_STACK_NAMES.length;
  return stack === MONITORING_STACK ? SHARED_STACK_NAMES.length + 1 : SHARED_STACK_NAMES.length + 2;
}

/** The planner's project for a service's stack: `stack-svc-<name>`, whose stack name is `svc-<name>`. */
export function serviceStackProject(service: string): string {
  return `${STACK_PROJECT_PREFIX}${serviceStackName(service)}`;
}

/** Promotion order; environments found in infra/config are listed in this order first. */
export const DOCUMENTED_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

/** Project whose `src/environments/<env>.ts` files hold one environment each. */
export const CONFIG_PROJECT = 'infra-config';
export const ENVIRONMENTS_DIR = 'src/environments';


/** ECR repository prefix of image projects: the registry stack names repositories the same way. */
export const DEFAULT_REPOSITORY_PREFIX = PROJECT_NAME;

/** Image tag from the digest of the build's hash plan: it changes exactly when an input of the bundle it holds does. */
export function imageTagFromHash(digest: string): string {
  return `nx-${digest}`;
}

export function stackName(projectName: string): string {
  return projectName.startsWith(STACK_PROJECT_PREFIX) ? projectName.slice(STACK_PROJECT_PREFIX.length) : projectName;
}
