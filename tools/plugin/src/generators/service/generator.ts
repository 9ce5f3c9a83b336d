import * as path from 'node:path';
import { addProjectConfiguration, formatFiles, generateFiles, getProjects, logger, names, writeJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { ENVIRONMENT_NAMES } from '@platform/infra-config';
import { QUEUE_DEFINITIONS } from '@platform/shared';
import { CatalogError, SERVICE_KINDS, type ServiceKind } from '@platform/service-catalog';
import { buildManifest, type ManifestPlan } from './manifest';
import { existingServices, validateCatalogInTree, type ExistingService } from './tree-catalog';
import type { ServiceGeneratorSchema } from './schema';

/** The manifest schema's name rule (libs/service-catalog manifest-schema.ts). */
const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const NAME_MAX_LENGTH = 20;
/** A path prefix: one or more segments, no wildcards or trailing slash (the generator adds `/<prefix>/*`). */
const PATH_PATTERN = /^(\/[A-Za-z0-9_.-]+)+$/;
/** The manifest schema's schedule rule. */
const SCHEDULE_PATTERN = /^(cron\([^)]+\)|rate\(\d+ (minute|minutes|hour|hours|day|days)\))$/;
export const DEFAULT_SCHEDULE = 'cron(0 3 * * ? *)';
export const DEFAULT_QUEUE = 'scan-requests';
export const FIRST_PRIORITY = 100;
export const PRIORITY_STEP = 10;
export const FIRST_PORT = 3001;

/** A refusal: the message says what is wrong and what to do; nothing has been written. */
export class ServiceGeneratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceGeneratorError';
  }
}

/**
 * `nx g @platform/plugin:service <name> --kind=web|backend|worker|scheduled`: a working app of that kind
 * under apps/<name>/ (and nowhere else), with tests, Dockerfile, Nx project and its service.json manifest.
 * Everything deployment needs follows from the manifest (docs/add-a-service.md). The whole catalog is
 * validated with the new manifest in it before anything is kept.
 */
export async function serviceGenerator(tree: Tree, options: ServiceGeneratorSchema): Promise<GeneratorCallback> {
  const existing = existingServices(tree);
  const plan = planService(tree, options, existing);
  const root = `apps/${plan.name}`;
  const n = names(plan.name);
  const queue = plan.queue ? QUEUE_DEFINITIONS.find((q) => q.name === plan.queue) : undefined;
  const substitutions = {
    ...plan,
    tmpl: '',
    className: n.className,
    propertyName: n.propertyName,
    constantName: n.constantName,
    prefix: plan.prefix ?? '',
    port: plan.port ?? 0,
    queueUrlVariable: queue?.urlVariable ?? '',
    heartbeatFile: `/tmp/${plan.name}-heartbeat`,
    metricsNamespace: metricsNamespace(plan.kind),
    offsetFromRoot: '../../',
    nodeVersion: workspaceNodeVersion(tree),
  };

  addProjectConfiguration(tree, plan.name, {
    root,
    sourceRoot: `${root}/src`,
    projectType: 'application',
    tags: ['type:app', `scope:${plan.name}`, `kind:${plan.kind}`, 'deploy:image'],
    targets: projectTargets(plan.name),
  });
  generateFiles(tree, path.join(__dirname, 'files', 'common'), root, substitutions);
  generateFiles(tree, path.join(__dirname, 'files', plan.kind === 'web' || plan.kind === 'backend' ? 'http' : plan.kind), root, substitutions);
  writeJson(tree, `${root}/service.json`, buildManifest(plan));

  try {
    validateCatalogInTree(tree, ENVIRONMENT_NAMES);
  } catch (error) {
    if (error instanceof CatalogError) {
      throw new ServiceGeneratorError(`the service catalog would not validate with ${root}/service.json, so nothing was written:\n  ${error.problems.join('\n  ')}`);
    }
    throw error;
  }
  if (!options.skipFormat) await formatFiles(tree);

  return () => {
    logger.info(
      [
        `${root}: a ${plan.kind} service. Next:`,
        `  npx nx test ${plan.name} && npx nx lint ${plan.name} && npx nx typecheck ${plan.name}`,
        `  npm run dev    # runs it with the other services against local DynamoDB and SQS`,
        `  then edit ${root}/service.json (description, uses: tables and queues, sizing): docs/add-a-service.md`,
      ].join('\n'),
    );
  };
}

export default serviceGenerator;

/** Checks every option against the kind and the existing services; throws ServiceGeneratorError on the first refusal. */
export function planService(tree: Tree, options: ServiceGeneratorSchema, existing: readonly ExistingService[]): ManifestPlan {
  const name = String(options.name ?? '').trim();
  if (!NAME_PATTERN.test(name) || name.length > NAME_MAX_LENGTH) {
    throw new ServiceGeneratorError(
      `service name "${name}" is not lowercase kebab-case of at most ${NAME_MAX_LENGTH} characters (letters, digits, single hyphens; starts with a letter), e.g. "purge-expired"`,
    );
  }
  const kind = options.kind as ServiceKind;
  if (!(SERVICE_KINDS as readonly string[]).includes(kind)) {
    throw new ServiceGeneratorError(`unknown kind "${String(options.kind)}": use one of ${SERVICE_KINDS.join(', ')}`);
  }
  const root = `apps/${name}`;
  if (tree.exists(root)) throw new ServiceGeneratorError(`${root} already exists; pick another name or delete the folder first`);
  const project = getProjects(tree).get(name);
  if (project) throw new ServiceGeneratorError(`an Nx project named "${name}" already exists (${project.root}); project names are unique, pick another name`);

  const onlyFor = (option: keyof ServiceGeneratorSchema, kinds: readonly ServiceKind[]) => {
    if (options[option] !== undefined && !kinds.includes(kind)) {
      throw new ServiceGeneratorError(`--${option} is for ${kinds.join('/')} services only; a ${kind} service does not use it`);
    }
  };
  onlyFor('path', ['web']);
  onlyFor('priority', ['web']);
  onlyFor('port', ['web', 'backend']);
  onlyFor('schedule', ['scheduled']);
  onlyFor('queue', ['worker']);

  const description = (options.description ?? defaultDescription(name, kind)).trim();
  if (description.length === 0 || description.length > 200) throw new ServiceGeneratorError('--description must be 1 to 200 characters');

  const plan: ManifestPlan = { name, kind, description };
  if (kind === 'web' || kind === 'backend') plan.port = choosePort(options.port, existing);
  if (kind === 'web') {
    const prefix = normalizePrefix(options.path ?? `/${name}`);
    plan.prefix = prefix;
    plan.paths = [prefix, `${prefix}/*`];
    for (const other of existing) {
      const shared = other.paths.filter((p) => plan.paths?.includes(p));
      if (shared.length > 0) {
        throw new ServiceGeneratorError(`path ${shared.join(', ')} is already routed to service "${other.name}" (${other.manifestPath}); pick another --path`);
      }
    }
    plan.priority = choosePriority(options.priority, existing);
  }
  if (kind === 'scheduled') {
    const schedule = (options.schedule ?? DEFAULT_SCHEDULE).trim();
    if (!SCHEDULE_PATTERN.test(schedule)) {
      throw new ServiceGeneratorError(`--schedule "${schedule}" is not an EventBridge Scheduler expression such as "cron(0 3 * * ? *)" or "rate(1 hour)"`);
    }
    plan.schedule = schedule;
  }
  if (kind === 'worker') {
    const queue = options.queue ?? DEFAULT_QUEUE;
    if (!QUEUE_DEFINITIONS.some((q) => q.name === queue)) {
      throw new ServiceGeneratorError(`--queue "${queue}" is not a queue in libs/shared definitions (known: ${QUEUE_DEFINITIONS.map((q) => q.name).join(', ')})`);
    }
    const consumers = existing.filter((s) => s.consumes.includes(queue));
    if (consumers.length > 0) {
      logger.warn(`${queue} is also consumed by ${consumers.map((s) => s.name).join(', ')}: the consumers will split its messages between them`);
    }
    plan.queue = queue;
  }
  return plan;
}

function normalizePrefix(raw: string): string {
  const prefix = raw.trim().startsWith('/') ? raw.trim() : `/${raw.trim()}`;
  if (!PATH_PATTERN.test(prefix) || prefix.length > 100) {
    throw new ServiceGeneratorError(`--path "${raw}" is not a path prefix such as "/reports" or "/v1/reports" (letters, digits, _ . -; no wildcard, no trailing slash)`);
  }
  return prefix;
}

function choosePriority(requested: number | undefined, existing: readonly ExistingService[]): number {
  const used = new Map(existing.filter((s) => s.priority !== undefined).map((s) => [s.priority as number, s]));
  if (requested !== undefined) {
    const other = used.get(requested);
    if (other) throw new ServiceGeneratorError(`listener rule priority ${requested} is already used by service "${other.name}" (${other.manifestPath}); priorities are unique`);
    if (!Number.isInteger(requested) || requested < 1 || requested > 50000) throw new ServiceGeneratorError('--priority must be an integer from 1 to 50000');
    return requested;
  }
  let priority = FIRST_PRIORITY;
  while (used.has(priority)) priority += PRIORITY_STEP;
  return priority;
}

function choosePort(requested: number | undefined, existing: readonly ExistingService[]): number {
  const used = new Map(existing.filter((s) => s.port !== undefined).map((s) => [s.port as number, s]));
  if (requested !== undefined) {
    const other = used.get(requested);
    if (other) throw new ServiceGeneratorError(`port ${requested} is already declared by service "${other.name}"; npm run dev runs services side by side, pick another --port`);
    return requested;
  }
  let port = FIRST_PORT;
  while (used.has(port)) port++;
  return port;
}

function defaultDescription(name: string, kind: ServiceKind): string {
  const what = { web: 'HTTP service behind the shared load balancer', backend: 'internal HTTP service', worker: 'queue worker', scheduled: 'scheduled job' }[kind];
  return `${names(name).className}: ${what} (describe what it does here).`;
}

/** CloudWatch namespace of the metrics the generated app emits (EMF). */
export function metricsNamespace(kind: ServiceKind): string {
  return { web: 'DocScan/Web', backend: 'DocScan/Backend', worker: 'DocScan/Workers', scheduled: 'DocScan/Jobs' }[kind];
}

function projectTargets(name: string) {
  return {
    build: {
      executor: '@nx/esbuild:esbuild',
      outputs: ['{options.outputPath}'],
      options: {
        main: `apps/${name}/src/main.ts`,
        outputPath: `dist/apps/${name}`,
        outputFileName: 'main.js',
        tsConfig: `apps/${name}/tsconfig.app.json`,
        platform: 'node',
        format: ['cjs'],
        bundle: true,
        thirdParty: false,
        generatePackageJson: true,
        sourcemap: true,
        esbuildOptions: { outExtension: { '.js': '.js' } },
      },
    },
    'docker-build': {
      executor: 'nx:run-commands',
      dependsOn: ['build'],
      options: { command: `tsx tools/deploy-plan/src/docker-build-bin.ts ${name}`, cwd: '{workspaceRoot}' },
      cache: false,
    },
    serve: {
      executor: 'nx:run-commands',
      options: { command: `tsx tools/local-dev/src/main.ts --only ${name}` },
      continuous: true,
    },
    // test and lint are inferred from jest.config.js and eslint.config.mjs (@nx/jest/plugin, @nx/eslint/plugin).
    typecheck: {},
  };
}

/** The images run the workspace's one Node release, written in `.nvmrc`. */
function workspaceNodeVersion(tree: Tree): string {
  const version = tree.read('.nvmrc', 'utf-8')?.trim();
  if (!version) throw new Error('.nvmrc is missing: the new image pins the workspace\'s Node release from it');
  return version;
}
