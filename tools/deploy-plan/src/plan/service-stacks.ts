import type { ServiceCatalog } from '@platform/service-catalog';
import type { NxFacts, ProjectFacts } from '../nx/nx-facts';
import { SERVICE_STACKS_TAG, STACK_TAG, serviceStackProject } from './conventions';

/**
 * Nx knows one project, tagged `deploy:service-stacks`, whose code builds every service's stack;
 * each catalog service has its own stack `svc-<name>`. This adds one stack project per service
 * to the facts, `stack-svc-<name>`, depending on that project and on the service's app: a change
 * to the app deploys its own stack, a change to the shared code deploys every service stack.
 * Their sources and synth inputs are the shared project's.
 */
export function withServiceStacks(facts: NxFacts, catalog: ServiceCatalog): NxFacts {
  const template = facts.projects.find((p) => p.tags.includes(SERVICE_STACKS_TAG));
  if (!template) return facts;
  const stacks: ProjectFacts[] = catalog.services.map((service) => ({
    name: serviceStackProject(service.name),
    root: template.root,
    tags: [STACK_TAG],
    targets: template.targets,
    dependsOn: [template.name, service.name],
  }));
  const stacksOf = (affected: readonly string[]): string[] =>
    stacks.filter((stack) => stack.dependsOn.some((dep) => affected.includes(dep))).map((stack) => stack.name);
  const synthOfTemplate = facts.inputFiles.synth[template.name];
  return {
    ...facts,
    projects: [...facts.projects, ...stacks],
    touchedFiles: facts.touchedFiles.map((file) => ({ ...file, affected: [...file.affected, ...stacksOf(file.affected)] })),
    inputFiles: {
      build: facts.inputFiles.build,
      synth: {
        ...facts.inputFiles.synth,
        ...(synthOfTemplate ? Object.fromEntries(stacks.map((s) => [s.name, synthOfTemplate])) : {}),
      },
    },
  };
}
