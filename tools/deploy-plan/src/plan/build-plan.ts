import { posix } from 'node:path';
import type { FileImpact, NxFacts } from '../nx/nx-facts';
import { IMAGE_TAG, STACK_TAG, imageTagFromHash, stackName } from './conventions';
import type { DeployPlan, EnvironmentPlan, ImageBuild } from './deploy-plan';
import { ProjectGraphView } from './project-graph-view';
import { orderStacks } from './stack-order';

export interface PlanInputs {
  readonly facts: NxFacts;
  /** Environments to plan, in output order. */
  readonly environments: readonly string[];
  /** The single environment a changed file concerns, or null for all (see environments.ts). */
  readonly environmentOfFile: (file: string) => string | null;
  /**
   * Stack projects that use a changed file of a shared project at a finer grain than Nx's
   * project graph knows (see module-usage.ts); null when unknown, then Nx's answer stands.
   */
  readonly stackUsersOfFile: (file: string) => ReadonlySet<string> | null;
  readonly repositoryPrefix: string;
}

/** Turns Nx's facts into images to build and, per environment, stacks to apply in order. */
export function buildPlan(inputs: PlanInputs): DeployPlan {
  const graph = new ProjectGraphView(inputs.facts.projects);
  return {
    images: imagesToBuild(inputs, graph),
    environments: inputs.environments.map((env) => environmentPlan(env, inputs, graph)),
  };
}

function imagesToBuild(inputs: PlanInputs, graph: ProjectGraphView): ImageBuild[] {
  const affected = new Set(inputs.facts.touchedFiles.flatMap((f) => f.affected));
  return graph
    .withTag(IMAGE_TAG)
    .filter((p) => affected.has(p.name))
    .map((p) => {
      const hash = inputs.facts.buildHashes[p.name];
      if (hash === undefined) throw new Error(`Nx reported no build hash for image project ${p.name}`);
      return {
        project: p.name,
        dockerfile: posix.join(p.root, 'Dockerfile'),
        repository: `${inputs.repositoryPrefix}/${p.name}`,
        tag: imageTagFromHash(hash),
      };
    });
}

function environmentPlan(env: string, inputs: PlanInputs, graph: ProjectGraphView): EnvironmentPlan {
  const reasons = new Map<string, Set<string>>();
  for (const file of inputs.facts.touchedFiles) {
    const scope = inputs.environmentOfFile(file.file);
    if (scope !== null && scope !== env) continue;
    for (const stack of stacksAffectedBy(file, inputs, graph)) {
      const set = reasons.get(stack) ?? new Set<string>();
      set.add(file.project ?? file.file);
      reasons.set(stack, set);
    }
  }
  const affectedStacks = [...reasons.keys()];
  const ordered = orderStacks(affectedStacks, (stack) =>
    affectedStacks.filter((other) => other !== stack && graph.dependenciesOf(stack).has(other)),
  );
  return {
    name: env,
    stacks: ordered.map((project) => ({ name: stackName(project), reasons: [...(reasons.get(project) ?? [])].sort() })),
  };
}

function stacksAffectedBy(file: FileImpact, inputs: PlanInputs, graph: ProjectGraphView): string[] {
  const stacks = file.affected.filter((name) => graph.get(name)?.tags.includes(STACK_TAG));
  const users = inputs.stackUsersOfFile(file.file);
  if (users === null) return stacks;
  // Keep the stacks that use the file and every stack that depends on one of them.
  return stacks.filter((stack) => [...users].some((user) => graph.reaches(stack, user)));
}
