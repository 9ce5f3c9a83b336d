import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONMENT_NAMES, PROJECT_NAME, serviceStackName } from '@platform/infra-config';
import { loadCatalog, resolveService, type ServiceCatalog } from '@platform/service-catalog';
import { EmbeddedAws } from '@platform/shared/testing';
import { EmulatedApply } from './emulated-apply';
import { FakeParameterStore } from './fake-parameter-store';
import { RehearsalError } from './rehearsal-error';
import { rehearseTask, type TaskRehearsal } from './rehearse-task';
import { SynthesizedStacks } from './synthesized-stacks';

export interface RehearseWorkspaceOptions {
  readonly workspaceRoot: string;
  /** A synth of the workspace (every environment, every service), e.g. cdktf.out. */
  readonly synthDir: string;
  /** @default every environment */
  readonly environments?: readonly string[];
  /** @default every catalog service */
  readonly services?: readonly string[];
  /** Called after each task, passed or failed. */
  readonly onResult?: (result: TaskRehearsal | RehearsalError) => void;
}

export interface WorkspaceRehearsal {
  readonly passed: readonly TaskRehearsal[];
  readonly failed: readonly RehearsalError[];
}

/** The (environment, service) pairs a rehearsal covers, in order. */
export function rehearsalCases(options: Pick<RehearseWorkspaceOptions, 'workspaceRoot' | 'environments' | 'services'>): { environment: string; service: string }[] {
  const catalog = loadCatalog({ workspaceRoot: options.workspaceRoot, environmentNames: ENVIRONMENT_NAMES });
  const known = catalog.services.map((s) => s.name);
  const unknown = (options.services ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`not catalog services: ${unknown.join(', ')} (the catalog: ${known.join(', ')})`);
  const environments = options.environments ?? ENVIRONMENT_NAMES;
  const badEnvironments = environments.filter((env) => !(ENVIRONMENT_NAMES as readonly string[]).includes(env));
  if (badEnvironments.length > 0) throw new Error(`not environments: ${badEnvironments.join(', ')} (${ENVIRONMENT_NAMES.join(', ')})`);
  const services = options.services ?? known;
  return environments.flatMap((environment) => services.map((service) => ({ environment, service })));
}

/** Builds every service's bundle (an Nx cache hit when the sources are unchanged). */
export function buildBundles(workspaceRoot: string, services: readonly string[]): void {
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '-p', services.join(','), '--output-style=static'], {
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    stdio: 'ignore',
    timeout: 600_000,
  });
}

/** Synthesizes every stack into a new temporary folder, as `npm run synth` does; returns it. */
export function synthesizeWorkspace(workspaceRoot: string): string {
  const outDir = mkdtempSync(join(tmpdir(), 'rehearsal-synth-'));
  const env = Object.fromEntries(
    Object.entries({ ...process.env, CDKTF_OUTDIR: outDir, CHECKPOINT_DISABLE: '1' }).filter(([k]) => !['SYNTH_FOR_DEPLOY', 'ENVIRONMENTS', 'STACKS', 'PREVIEW_ENVIRONMENT'].includes(k)),
  );
  execFileSync(join(workspaceRoot, 'node_modules/.bin/tsx'), ['--tsconfig', 'infra/tsconfig.json', 'infra/main.ts'], { cwd: workspaceRoot, env, stdio: 'pipe', timeout: 300_000 });
  return outDir;
}

/**
 * One pair of emulators holding what a first apply of a synth creates (the tables and queues of
 * every stack), on which tasks are rehearsed one at a time.
 */
export class RehearsalSession {
  private count = 0;

  private constructor(
    private readonly workspaceRoot: string,
    private readonly catalog: ServiceCatalog,
    readonly stacks: SynthesizedStacks,
    private readonly aws: EmbeddedAws,
    private readonly applied: EmulatedApply,
    private readonly work: string,
  ) {}

  static async start(workspaceRoot: string, synthDir: string): Promise<RehearsalSession> {
    const stacks = new SynthesizedStacks(synthDir);
    const aws = await EmbeddedAws.start({ provision: false, region: EMULATOR_REGION });
    try {
      const applied = await EmulatedApply.ofStacks(stacks, stacks.names(), { region: EMULATOR_REGION, dynamodb: aws.dynamoEndpoint, sqs: aws.sqsEndpoint });
      const work = mkdtempSync(join(tmpdir(), 'rehearsal-'));
      chmodSync(work, 0o755); // a task may run as an unprivileged user (see rehearseTask)
      const catalog = loadCatalog({ workspaceRoot, environmentNames: ENVIRONMENT_NAMES });
      return new RehearsalSession(workspaceRoot, catalog, stacks, aws, applied, work);
    } catch (error) {
      await aws.stop();
      throw error;
    }
  }

  /**
   * Rehearses `<environment>-svc-<service>` with that environment's secrets from a fake parameter
   * store; `stacks` replaces the session's synth (an edited copy, with the same resources applied).
   */
  async rehearse(environment: string, service: string, stacks: SynthesizedStacks = this.stacks): Promise<TaskRehearsal> {
    const manifest = this.catalog.get(service);
    if (manifest === undefined) throw new Error(`${service} is not a catalog service`);
    // What an operator creates for this service: a value for each secret its manifest declares.
    const secrets = resolveService(manifest, { environment, project: PROJECT_NAME }).secrets.map((s) => s.source);
    return rehearseTask({
      workspaceRoot: this.workspaceRoot,
      stacks,
      stackName: `${environment}-${serviceStackName(service)}`,
      service,
      kind: manifest.kind,
      applied: this.applied,
      store: new FakeParameterStore(secrets),
      emulators: { region: EMULATOR_REGION, dynamodb: this.aws.dynamoEndpoint, sqs: this.aws.sqsEndpoint },
      workDir: join(this.work, String(this.count++)),
    });
  }

  async stop(): Promise<void> {
    await this.aws.stop();
    rmSync(this.work, { recursive: true, force: true });
  }
}

/** Any region: the emulators answer for all of them. */
const EMULATOR_REGION = 'eu-west-1';

/** Rehearses the task of every (environment, service) a selection covers, in turn, on one session. */
export async function rehearseWorkspace(options: RehearseWorkspaceOptions): Promise<WorkspaceRehearsal> {
  const cases = rehearsalCases(options);
  const session = await RehearsalSession.start(options.workspaceRoot, options.synthDir);
  const passed: TaskRehearsal[] = [];
  const failed: RehearsalError[] = [];
  try {
    for (const { environment, service } of cases) {
      try {
        const result = await session.rehearse(environment, service);
        passed.push(result);
        options.onResult?.(result);
      } catch (error) {
        const failure = error instanceof RehearsalError ? error : new RehearsalError(`${environment}-${serviceStackName(service)}`, 'rehearsal', (error as Error).message);
        failed.push(failure);
        options.onResult?.(failure);
      }
    }
  } finally {
    await session.stop();
  }
  return { passed, failed };
}
