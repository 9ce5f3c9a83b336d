import { resourcesOf, type StackJson } from './synthesized-stacks';

/** The ECS container definition fields a rehearsal runs (the subset of the RegisterTaskDefinition shape we use). */
export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly entryPoint?: readonly string[];
  readonly workingDirectory?: string;
  readonly user?: string;
  readonly environment?: readonly { name: string; value: string }[];
  readonly secrets?: readonly { name: string; valueFrom: string }[];
  readonly portMappings?: readonly { containerPort: number; protocol?: string; name?: string }[];
  readonly mountPoints?: readonly { sourceVolume: string; containerPath: string; readOnly?: boolean }[];
  readonly readonlyRootFilesystem?: boolean;
  readonly healthCheck?: ContainerHealthCheck;
  readonly stopTimeout?: number;
  readonly logConfiguration?: { readonly logDriver: string; readonly options?: Record<string, string> };
}

export interface ContainerHealthCheck {
  /** `["CMD", exe, ...args]` or `["CMD-SHELL", "command line"]`. */
  readonly command: readonly string[];
  readonly interval?: number;
  readonly timeout?: number;
  readonly retries?: number;
  readonly startPeriod?: number;
}

/** The target group's health check, as the ALB runs it against the task's port. */
export interface TargetGroupHealthCheck {
  readonly path: string;
  readonly matcher: string;
  readonly port: string;
}

/** An IAM policy document as synthesized (inline role policies are JSON strings). */
export interface PolicyDocument {
  readonly Statement: readonly PolicyStatement[];
}

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
}

/** What one service stack tells ECS to run. */
export interface ServiceTask {
  readonly family: string;
  readonly container: ContainerDefinition;
  /** Volumes of the task definition (bind mounts on Fargate). */
  readonly volumes: readonly string[];
  /** Inline policies of the execution role: what the ECS agent may read to start the task (images, logs, secrets). */
  readonly executionPolicies: readonly PolicyDocument[];
  readonly targetGroupHealthCheck?: TargetGroupHealthCheck;
  /** The accounts the stack's AWS provider may deploy to. */
  readonly allowedAccountIds: readonly string[];
}

const REFERENCE = /^\$\{([a-z0-9_]+)\.([^.}]+)\.[a-z_]+\}$/;

/** Reads the one task definition of a service stack; throws when there is not exactly one, or it has not exactly one container. */
export function readServiceTask(stackName: string, stack: StackJson): ServiceTask {
  const definitions = Object.values(resourcesOf(stack, 'aws_ecs_task_definition'));
  if (definitions.length !== 1) throw new Error(`${stackName}: ${definitions.length} task definitions, expected one`);
  const definition = definitions[0] as { family: string; container_definitions: string; execution_role_arn?: string; volume?: { name: string }[] };
  const containers = JSON.parse(definition.container_definitions) as ContainerDefinition[];
  if (containers.length !== 1) throw new Error(`${stackName}: ${containers.length} containers in ${definition.family}, expected one`);

  const executionRole = REFERENCE.exec(definition.execution_role_arn ?? '')?.[2];
  const executionPolicies = Object.values(resourcesOf(stack, 'aws_iam_role_policy'))
    .filter((policy) => executionRole !== undefined && REFERENCE.exec(String(policy.role ?? ''))?.[2] === executionRole)
    .map((policy) => JSON.parse(String(policy.policy)) as PolicyDocument);

  const targetGroups = Object.values(resourcesOf(stack, 'aws_lb_target_group'));
  if (targetGroups.length > 1) throw new Error(`${stackName}: ${targetGroups.length} target groups, expected at most one`);
  const health = (targetGroups[0]?.health_check ?? undefined) as { path?: string; matcher?: string; port?: string } | undefined;

  const provider = (stack.provider?.aws ?? [])[0] as { allowed_account_ids?: string[] } | undefined;
  return {
    family: definition.family,
    container: containers[0],
    volumes: (definition.volume ?? []).map((volume) => volume.name),
    executionPolicies,
    targetGroupHealthCheck: health ? { path: health.path ?? '/', matcher: health.matcher ?? '200', port: health.port ?? 'traffic-port' } : undefined,
    allowedAccountIds: provider?.allowed_account_ids ?? [],
  };
}
