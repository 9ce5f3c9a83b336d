/** Containers of every task definition whose container_definitions could be parsed. */
import { readContainerDefinitions, type ContainerDefinition } from '../../documents/container-definitions';
import type { Stack } from '../../terraform/stack';
import type { TerraformBlock } from '../../terraform/terraform-json';

export interface TaskContainer {
  readonly task: TerraformBlock;
  readonly container: ContainerDefinition;
}

/** Unparseable definitions are reported by PLAT_UNREADABLE_DOCUMENT, not here. */
export function taskContainers(stack: Stack): TaskContainer[] {
  return stack.ofType('aws_ecs_task_definition').flatMap((task) => {
    const definitions = readContainerDefinitions(task.config['container_definitions']);
    return definitions.parsed ? definitions.containers.map((container) => ({ task, container })) : [];
  });
}
