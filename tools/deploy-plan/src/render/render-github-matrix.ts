import type { DeployPlan } from '../plan/deploy-plan';

/**
 * GitHub Actions matrices: images build in parallel (one job each); stacks of one environment
 * must go in order, so each environment is one job that applies its stacks in the listed order.
 * `hasImages`/`hasStacks` let a workflow skip a job, since an empty matrix fails the run.
 */
export interface GithubMatrix {
  readonly hasImages: boolean;
  readonly hasStacks: boolean;
  readonly images: { readonly include: readonly ImageEntry[] };
  readonly environments: { readonly include: readonly EnvironmentEntry[] };
}

interface ImageEntry {
  readonly project: string;
  readonly dockerfile: string;
  readonly repository: string;
  readonly tag: string;
}

interface EnvironmentEntry {
  readonly environment: string;
  /** Space-separated names of the stacks to apply, in apply order. */
  readonly stacks: string;
  /** Space-separated names of the stacks to destroy (services removed from the catalog), applied first with approval. */
  readonly destroys: string;
}

export function renderGithubMatrix(plan: DeployPlan): string {
  const environments = plan.environments
    .filter((env) => env.stacks.length > 0)
    .map((env) => ({
      environment: env.name,
      stacks: env.stacks.filter((s) => s.action === 'apply').map((s) => s.name).join(' '),
      destroys: env.stacks.filter((s) => s.action === 'destroy').map((s) => s.name).join(' '),
    }));
  const matrix: GithubMatrix = {
    hasImages: plan.images.length > 0,
    hasStacks: environments.length > 0,
    images: { include: plan.images.map((i) => ({ ...i })) },
    environments: { include: environments },
  };
  return `${JSON.stringify(matrix)}\n`;
}
