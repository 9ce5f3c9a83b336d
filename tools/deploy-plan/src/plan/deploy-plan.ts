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
  /** Content-addressed: derived from the Nx task hash of `<project>:build`. */
  readonly tag: string;
}

export interface EnvironmentPlan {
  readonly name: string;
  /** In the order to plan/apply them. */
  readonly stacks: readonly StackPlan[];
}

export interface StackPlan {
  /** Stack name without the project prefix: `service` for project `stack-service`. */
  readonly name: string;
  /** Changed projects (or workspace files such as `nx.json`) that make this stack affected. */
  readonly reasons: readonly string[];
}
