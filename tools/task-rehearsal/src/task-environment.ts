import type { EmulatedApply } from './emulated-apply';
import { policiesAllow, secretReadAction } from './execution-grants';
import { parseValueFrom, type FakeParameterStore } from './fake-parameter-store';
import type { ServiceTask } from './service-task';
import type { SynthesizedStacks } from './synthesized-stacks';
import { isComputed, resolveReference } from './terraform-reference';

export interface TaskEnvironmentInputs {
  readonly stackName: string;
  readonly task: ServiceTask;
  readonly stacks: SynthesizedStacks;
  readonly applied: EmulatedApply;
  readonly store: FakeParameterStore;
}

/**
 * The variables ECS puts in the container: `environment` with every apply-time reference replaced
 * by what the (emulated) apply created, and `secrets` read as the ECS agent reads them, which
 * only works when the execution role may read each one, in the task's region and account.
 * Throws one line per problem, all together.
 */
export function taskEnvironment(inputs: TaskEnvironmentInputs): Record<string, string> {
  const { stackName, task, stacks, applied, store } = inputs;
  const { container } = task;
  const env: Record<string, string> = {};
  const problems: string[] = [];
  for (const { name, value } of container.environment ?? []) {
    if (!isComputed(value)) {
      env[name] = value;
      continue;
    }
    const reference = resolveReference(value, stackName, stacks);
    const resolved = reference && applied.value(reference);
    if (resolved === undefined) problems.push(`${name}=${value}: not a resource attribute a first apply of the data stacks creates`);
    else env[name] = resolved;
  }
  const region = env.AWS_REGION ?? container.logConfiguration?.options?.['awslogs-region'];
  for (const { name, valueFrom } of container.secrets ?? []) {
    if (name in env) problems.push(`${name} is both a variable and a secret`);
    try {
      const location = parseValueFrom(valueFrom);
      if (location.region !== undefined && location.region !== region) problems.push(`${name}: ${valueFrom} is in ${location.region}, the task runs in ${region}`);
      if (location.account !== undefined && task.allowedAccountIds.length > 0 && !task.allowedAccountIds.includes(location.account)) {
        problems.push(`${name}: ${valueFrom} is in account ${location.account}, the stack deploys to ${task.allowedAccountIds.join(', ')}`);
      }
      const action = secretReadAction(valueFrom);
      if (!policiesAllow(task.executionPolicies, action, valueFrom)) problems.push(`${name}: the execution role may not ${action} ${valueFrom}, so the task would not start`);
      env[name] = store.resolve(location);
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return env;
}
