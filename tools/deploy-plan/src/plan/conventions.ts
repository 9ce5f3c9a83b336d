import { PROJECT_NAME } from '@platform/infra-config';
/** Names and tags the planner reads from the workspace; one place so docs and code agree. */

export const IMAGE_TAG = 'deploy:image';
export const STACK_TAG = 'deploy:stack';
export const STACK_PROJECT_PREFIX = 'stack-';

/** Documented apply order; used where the project graph leaves two stacks unordered. */
export const DOCUMENTED_STACK_ORDER = ['state', 'network', 'registry', 'data', 'service', 'monitoring'] as const;

/** Promotion order; environments found in infra/config are listed in this order first. */
export const DOCUMENTED_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

/** Project whose `src/environments/<env>.ts` files hold one environment each. */
export const CONFIG_PROJECT = 'infra-config';
export const ENVIRONMENTS_DIR = 'src/environments';


/** ECR repository prefix of image projects: the registry stack names repositories the same way. */
export const DEFAULT_REPOSITORY_PREFIX = PROJECT_NAME;

/** Image tag from the Nx task hash of the build: the tag is the Nx cache key of the bundle it holds. */
export function imageTagFromHash(nxHash: string): string {
  return `nx-${nxHash}`;
}

export function stackName(projectName: string): string {
  return projectName.startsWith(STACK_PROJECT_PREFIX) ? projectName.slice(STACK_PROJECT_PREFIX.length) : projectName;
}
