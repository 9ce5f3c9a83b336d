/** The planner's answer; `--json` prints exactly this shape. */
export interface DeployPlan {
  readonly images: readonly ImageBuild[];
  readonly environments: readonly EnvironmentPlan[];
}

export interface ImageBuild {
  readonly project: string;
  readonly dockerfile: string;
  /** ECR repository name, e.g. `fargate-platform/api`. */
  readonly repository: string;
  /** Content-addressed: the digest of the hash plan of `<project>:build` (nx/input-digest.ts). */
  readonly tag: string;
}

export interface EnvironmentPlan {
  readonly name: string;
  /** In the order to plan/apply them. */
  readonly stacks: readonly StackPlan[];
}

export interface StackPlan {
  /** Stack name without the project prefix: `data` for project `stack-data`, `svc-api` for the api's stack. */
  readonly name: string;
  /** Changed projects (or workspace files such as `nx.json`) that make this stack affected. */
  readonly reasons: readonly string[];
  /** `destroy` for the stack of a service removed from the catalog (applied with approval). */
  readonly action: 'apply' | 'destroy';
  /**
   * Dependency depth among the planned stacks: 0 reads no other planned stack; a stack of layer n
   * reads one of layer n-1. Stacks of one layer do not depend on each other, and a layer is planned
   * only after the one before it is applied. Destroys come first, in layer 0.
   */
  readonly layer: number;
}
