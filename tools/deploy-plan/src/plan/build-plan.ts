import { posix } from 'node:path';
import type { FileImpact, NxFacts } from '../nx/nx-facts';
import { IMAGE_TAG, STACK_TAG, imageTagFromHash, stackName } from './conventions';
import type { CatalogChanges } from './catalog-changes';
import type { DeployPlan, EnvironmentPlan, ImageBuild, StackPlan } from './deploy-plan';
import { ProjectGraphView } from './project-graph-view';
import { orderStacks } from './stack-order';

export interface PlanInputs {
  readonly facts: NxFacts;
  /** Environments to plan, in output order. */
  readonly environments: readonly string[];
  /** The single environment a changed file concerns, or null for all (see environments.ts). */
  readonly environmentOfFile: (file: string) => string | null;
  /**
   * Stack projects whose sources use a changed file, at a finer grain than Nx's project graph
   * (see stack-usage.ts); null when the imports cannot tell, then the synth inputs decide.
   */
  readonly stackUsersOfFile: (file: string) => ReadonlySet<string> | null;
  /** False for a file deleted by head: it is in no hash plan, so Nx's affected answer stands for it. */
  readonly existsAtHead: (file: string) => boolean;
  readonly repositoryPrefix: string;
  /** What the service catalog's own changes add (catalog-changes.ts); none when omitted. */
  readonly catalog?: CatalogChanges;
}

/**
 * Turns Nx's facts into images to build and, per environment, stacks to apply in order. Per
 * changed file, Nx's affected projects are narrowed to what the file can change:
 * - an image is built when the file is an input of its `build` task (so its tag changes);
 * - a stack that deploys such an image (depends on the image project) is applied;
 * - a stack is applied when its sources use the file, or, when imports cannot tell, when the file
 *   is an input of its `synth`; then every stack that depends on it too, since they read its outputs.
 *   An image does not propagate further: its tag is not an output other stacks read.
 * Workspace-level files (package-lock.json, nx.json) reach the stacks whose synth hashes them (for
 * those two: every stack). Then the catalog's changes:
 * a changed manifest applies its service's stack, a new service its stack and the registry, a
 * removed service destroys its stack (see catalog-changes.ts).
 */
export function buildPlan(planInputs: PlanInputs): DeployPlan {
  // A removed service's files concern its destroy only: they build no image and reach no other stack.
  const removedRoots = planInputs.catalog?.removedRoots ?? [];
  const touchedFiles = planInputs.facts.touchedFiles.filter((f) => !removedRoots.some((root) => f.file.startsWith(root)));
  const inputs: PlanInputs = { ...planInputs, facts: { ...planInputs.facts, touchedFiles } };
  const graph = new ProjectGraphView(inputs.facts.projects);
  const imagesByFile = new Map(inputs.facts.touchedFiles.map((f) => [f.file, imagesChangedBy(f, inputs, graph)]));
  return {
    images: imagesToBuild(inputs, graph, imagesByFile),
    environments: inputs.environments.map((env) => environmentPlan(env, inputs, graph, imagesByFile)),
  };
}

/** Image projects whose build output (and so tag) the file can change. */
function imagesChangedBy(file: FileImpact, inputs: PlanInputs, graph: ProjectGraphView): string[] {
  const buildInputs = inputs.facts.inputFiles.build;
  return file.affected.filter((name) => {
    if (!graph.get(name)?.tags.includes(IMAGE_TAG)) return false;
    const files = buildInputs[name];
    if (files === undefined || !inputs.existsAtHead(file.file)) return true;
    return files.includes(file.file);
  });
}

function imagesToBuild(inputs: PlanInputs, graph: ProjectGraphView, imagesByFile: Map<string, string[]>): ImageBuild[] {
  const changed = new Set([...imagesByFile.values()].flat());
  return graph
    .withTag(IMAGE_TAG)
    .filter((p) => changed.has(p.name))
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

function environmentPlan(
  env: string,
  inputs: PlanInputs,
  graph: ProjectGraphView,
  imagesByFile: Map<string, string[]>,
): EnvironmentPlan {
  const reasons = new Map<string, Set<string>>();
  const note = (stack: string, reason: string) => reasons.set(stack, (reasons.get(stack) ?? new Set<string>()).add(reason));
  for (const file of inputs.facts.touchedFiles) {
    const scope = inputs.environmentOfFile(file.file);
    if (scope !== null && scope !== env) continue;
    for (const stack of stacksAffectedBy(file, inputs, graph, imagesByFile.get(file.file) ?? [])) note(stack, file.project ?? file.file);
  }
  for (const [stack, why] of inputs.catalog?.apply ?? []) why.forEach((reason) => note(stack, reason));
  const affectedStacks = [...reasons.keys()];
  const dependsOn = (stack: string) => affectedStacks.filter((other) => other !== stack && graph.dependenciesOf(stack).has(other));
  const ordered = orderStacks(affectedStacks, dependsOn);
  const destroys: StackPlan[] = (inputs.catalog?.removed ?? []).map((service) => ({
    name: `svc-${service}`,
    reasons: [service],
    action: 'destroy',
    layer: 0,
  }));
  const layers = new Map<string, number>();
  const offset = destroys.length > 0 ? 1 : 0;
  for (const stack of ordered) layers.set(stack, Math.max(offset - 1, ...dependsOn(stack).map((dep) => layers.get(dep) ?? 0)) + 1);
  return {
    name: env,
    stacks: [
      ...destroys,
      ...ordered.map((project): StackPlan => ({
        name: stackName(project),
        reasons: [...(reasons.get(project) ?? [])].sort(),
        action: 'apply',
        layer: layers.get(project) ?? 0,
      })),
    ],
  };
}

function stacksAffectedBy(file: FileImpact, inputs: PlanInputs, graph: ProjectGraphView, images: string[]): string[] {
  const stacks = file.affected.filter((name) => graph.get(name)?.tags.includes(STACK_TAG));
  const deployers = stacks.filter((stack) => images.some((image) => graph.get(stack)?.dependsOn.includes(image)));
  // A workspace-level file (no project) is narrowed like any file imports cannot place: by the synth inputs.
  const owner = file.project === null ? undefined : graph.get(file.project);
  const seeds = owner?.tags.includes(IMAGE_TAG) ? [] : stackSeeds(file, stacks, inputs);
  return stacks.filter((stack) => deployers.includes(stack) || seeds.some((seed) => graph.reaches(stack, seed)));
}

/** Stacks the file changes directly: their sources use it, else it is an input of their synth. */
function stackSeeds(file: FileImpact, stacks: string[], inputs: PlanInputs): string[] {
  const users = inputs.stackUsersOfFile(file.file);
  if (users !== null) return stacks.filter((stack) => users.has(stack));
  if (!inputs.existsAtHead(file.file)) return stacks;
  return stacks.filter((stack) => {
    const synthInputs = inputs.facts.inputFiles.synth[stack];
    return synthInputs === undefined || synthInputs.includes(file.file);
  });
}
