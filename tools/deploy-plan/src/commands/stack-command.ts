import { CliError } from '../cli-error';
import { MONITORING_STACK, SERVICE_STACK_PREFIX, SHARED_STACK_NAMES } from '@platform/infra-config';
import { DOCUMENTED_ENVIRONMENTS } from '../plan/conventions';

const KNOWN_STACKS = [...SHARED_STACK_NAMES, `${SERVICE_STACK_PREFIX}<service>`, MONITORING_STACK];

export type StackAction = 'plan' | 'deploy';

export interface StackCommandOptions {
  readonly action: StackAction;
  readonly stack: string;
  readonly environment: string | undefined;
}

export interface ShellCommand {
  readonly env: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
}

/**
 * The cdktf call for one stack in one environment. Stack ids are `<env>-<stack>` (PlatformStack);
 * ENVIRONMENTS/STACKS narrow what infra/main.ts synthesizes to that stack and its dependencies.
 * A deploy:
 * - `--ignore-missing-stack-dependencies`: Nx deploys the upstream stacks first (dependsOn), each
 *   in its own call, and cdktf refuses a stack whose dependencies are not deployed in the same call;
 * - `DEPLOY_ENVIRONMENT=<env>`: infra/config refuses placeholders (account id, `unreleased` image
 *   tags, a missing certificate outside dev) with one line naming the variable to set.
 */
export function stackCommand(options: StackCommandOptions): ShellCommand {
  const { action, stack, environment } = options;
  if (environment === undefined) {
    throw new CliError(`--env is required: run it as nx run stack-${stack}:${action}:<${DOCUMENTED_ENVIRONMENTS.join('|')}>`, 2);
  }
  if (!/^[a-z][a-z0-9-]*$/.test(environment)) throw new CliError(`--env ${environment} is not an environment name`, 2);
  const known = (SHARED_STACK_NAMES as readonly string[]).includes(stack) || stack === MONITORING_STACK || /^svc-[a-z][a-z0-9-]*$/.test(stack);
  if (!known) {
    throw new CliError(`unknown stack ${stack} (known: ${KNOWN_STACKS.join(', ')})`, 2);
  }
  const stackId = `${environment}-${stack}`;
  const env = { CHECKPOINT_DISABLE: '1', ENVIRONMENTS: environment, STACKS: stack };
  if (action === 'plan') return { env, argv: ['npx', 'cdktf', 'diff', stackId] };
  return {
    env: { ...env, DEPLOY_ENVIRONMENT: environment },
    argv: ['npx', 'cdktf', 'deploy', stackId, '--auto-approve', '--ignore-missing-stack-dependencies'],
  };
}

/** How the command reads in a shell, for --dry-run and logs. */
export function formatCommand(command: ShellCommand): string {
  const env = Object.entries(command.env).map(([k, v]) => `${k}=${v}`);
  return [...env, ...command.argv].join(' ');
}
