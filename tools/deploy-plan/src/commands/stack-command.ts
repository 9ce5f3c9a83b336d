import { existsSync } from 'node:fs';
import { posix, resolve } from 'node:path';
import { defineCommand, EXIT } from '@platform/cli-support';
import { MONITORING_STACK, SERVICE_STACK_PREFIX, SHARED_STACK_NAMES } from '@platform/infra-config';
import { CliError, EXIT_USAGE } from '../cli-error';
import { DOCUMENTED_ENVIRONMENTS } from '../plan/conventions';
import { runCommand } from '../run-command';

const KNOWN_STACKS = [...SHARED_STACK_NAMES, `${SERVICE_STACK_PREFIX}<service>`, MONITORING_STACK];

export type StackAction = 'plan' | 'deploy';

export interface StackCommandOptions {
  readonly action: StackAction;
  readonly stack: string;
  readonly environment: string | undefined;
  /** Where the CDKTF app writes its output. @default 'cdktf.out' */
  readonly outdir?: string;
}

export interface ShellCommand {
  readonly env: Readonly<Record<string, string>>;
  readonly argv: readonly string[];
}

/**
 * One stack in one environment, without the cdktf CLI: synthesize it the way `npm run synth` does
 * (the CDKTF app of cdktf.json, run directly: ENVIRONMENTS/STACKS narrow it to that stack and what
 * it references), then Terraform in the synthesized directory, `cdktf.out/stacks/<env>-<stack>`:
 * init, then plan, or apply without a prompt (CI gates environments with approvals, not prompts).
 * A deploy synthesizes with DEPLOY_ENVIRONMENT=<env>, so infra/config refuses placeholders (account
 * id, `unreleased` image tags, a missing certificate outside dev) with one line naming the variable.
 * Nx applies the upstream stacks first (the targets' dependsOn), each in its own call; the stack
 * reads their outputs through remote state.
 */
export function stackCommands(options: StackCommandOptions): ShellCommand[] {
  const { action, stack, environment } = options;
  if (environment === undefined) {
    throw new CliError(`--env is required: run it as nx run stack-${stack}:${action}:<${DOCUMENTED_ENVIRONMENTS.join('|')}>`, EXIT_USAGE);
  }
  if (!/^[a-z][a-z0-9-]*$/.test(environment)) throw new CliError(`--env ${environment} is not an environment name`, EXIT_USAGE);
  const known = (SHARED_STACK_NAMES as readonly string[]).includes(stack) || stack === MONITORING_STACK || /^svc-[a-z][a-z0-9-]*$/.test(stack);
  if (!known) throw new CliError(`unknown stack ${stack} (known: ${KNOWN_STACKS.join(', ')})`, EXIT_USAGE);
  const outdir = options.outdir ?? 'cdktf.out';
  const synthEnv = { CHECKPOINT_DISABLE: '1', CDKTF_OUTDIR: outdir, ENVIRONMENTS: environment, STACKS: stack };
  const terraform = (...args: string[]): ShellCommand => ({ env: {}, argv: ['terraform', `-chdir=${stackDirectory(outdir, environment, stack)}`, ...args] });
  return [
    { env: action === 'deploy' ? { ...synthEnv, DEPLOY_ENVIRONMENT: environment } : synthEnv, argv: ['tsx', '--tsconfig', 'infra/tsconfig.json', 'infra/main.ts'] },
    terraform('init', '-input=false'),
    action === 'plan' ? terraform('plan', '-input=false') : terraform('apply', '-input=false', '-auto-approve'),
  ];
}

/** The synthesized working directory of a stack: `<outdir>/stacks/<env>-<stack>` (PlatformStack ids). */
export function stackDirectory(outdir: string, environment: string, stack: string): string {
  return posix.join(outdir, 'stacks', `${environment}-${stack}`);
}

/** How the command reads in a shell, for --dry-run and logs. */
export function formatCommand(command: ShellCommand): string {
  const env = Object.entries(command.env).map(([k, v]) => `${k}=${v}`);
  return [...env, ...command.argv].join(' ');
}

const USAGE = `usage: stack-bin.ts <plan|deploy> <stack> --env <env> [--dry-run]
  (what nx run stack-<name>:plan:<env> and :deploy:<env> run) synthesizes the stack for the
  environment into cdktf.out (CDKTF_OUTDIR), then terraform -chdir=cdktf.out/stacks/<env>-<stack>
  init and plan, or apply -auto-approve
  --env <env>  dev, staging, prod, or another environment of infra/config
  --dry-run    print the commands, run nothing (DEPLOY_PLAN_DRY_RUN=1 does the same)
exit: 0 when every command succeeds, else the failing command's own code; 2 usage; 70 a bug`;

export const stackCli = defineCommand({
  name: 'stack',
  usage: USAGE,
  options: { env: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  run: async ({ values, positionals }, io) => {
    const [action, stack] = positionals;
    if ((action !== 'plan' && action !== 'deploy') || stack === undefined || positionals.length !== 2) {
      throw new CliError(`expected <plan|deploy> <stack>, got ${positionals.join(' ') || 'nothing'}\n${USAGE}`, EXIT.usage);
    }
    const env = io.env ?? process.env;
    const outdir = env.CDKTF_OUTDIR || 'cdktf.out';
    const commands = stackCommands({ action, stack, environment: values.env, outdir });
    // DEPLOY_PLAN_DRY_RUN=1 as well as --dry-run: a safety net for tests and rehearsals in CI.
    if (values['dry-run'] || env.DEPLOY_PLAN_DRY_RUN === '1') {
      commands.forEach((command) => io.stdout(`${formatCommand(command)}\n`));
      return EXIT.ok;
    }
    for (const [index, command] of commands.entries()) {
      io.stdout(`${formatCommand(command)}\n`);
      const code = await runCommand(command.argv, command.env, io.cwd);
      if (code !== 0) return code;
      const synthesized = resolve(io.cwd, stackDirectory(outdir, values.env as string, stack), 'cdk.tf.json');
      if (index === 0 && !existsSync(synthesized)) throw new CliError(`the synth wrote no ${synthesized}: is ${stack} a stack of ${values.env}?`);
    }
    return EXIT.ok;
  },
});
